<?php
// Install the test site (once), its users and their application passwords, and write the
// facts the real-blog tests need as KEY=VALUE lines. Run by scripts/wordpress-up.sh:
//   php wordpress_setup.php DOCROOT BASE_URL SECRETS_DIR FACTS_FILE
// Idempotent: an existing site, user or application password is kept when it still works.

[$_, $docroot, $base, $secrets, $facts_file] = $argv;
$url = parse_url($base);
$_SERVER['HTTP_HOST'] = $url['host'] . ':' . $url['port'];
$_SERVER['SERVER_NAME'] = $url['host'];
$_SERVER['SERVER_PORT'] = $url['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
define('WP_INSTALLING', true);

function wp_new_blog_notification() {}  // pluggable: the install sends no mail

require $docroot . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

function stop(string $message): void {
    fwrite(STDERR, "wordpress_setup.php: $message\n");
    exit(1);
}

function secret(string $name): string {
    global $secrets;
    $file = "$secrets/$name";
    if (!is_file($file) || trim(file_get_contents($file)) === '') {
        file_put_contents($file, wp_generate_password(24, false));
        chmod($file, 0600);
    }
    return trim(file_get_contents($file));
}

if (!is_blog_installed()) {
    $done = wp_install('Byline test blog', 'admin', 'admin@example.test', false, '', secret('login-admin'));
    if (is_wp_error($done)) stop($done->get_error_message());
    echo "installed WordPress ", get_bloginfo('version'), "\n";
}
update_option('blog_public', 0);
// Not UTC on purpose: a client that mixes up `date` and `date_gmt` shows up in the tests.
update_option('timezone_string', 'Europe/Berlin');
update_option('gmt_offset', '');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

// login => [role, display name, email]
$people = [
    'byline' => ['editor', 'Byline Publisher', 'byline@example.test'],
    'cio' => ['author', 'Casey Chief', 'cio@example.test'],
    'contributor' => ['contributor', 'Connie Contributor', 'contributor@example.test'],
];
$ids = [];
foreach ($people as $login => [$role, $name, $email]) {
    $user = get_user_by('login', $login);
    if (!$user) {
        $id = wp_insert_user(['user_login' => $login, 'user_pass' => secret("login-$login"),
            'role' => $role, 'user_email' => $email, 'display_name' => $name,
            'first_name' => explode(' ', $name)[0], 'last_name' => explode(' ', $name)[1]]);
        if (is_wp_error($id)) stop("user $login: " . $id->get_error_message());
        $user = get_user_by('id', $id);
    }
    if (!in_array($role, (array) $user->roles, true)) $user->set_role($role);
    $ids[$login] = $user->ID;
}

// The plain application password, kept in SECRETS_DIR; a new one when it no longer matches.
function app_password(int $user_id, string $login, string $name): string {
    global $secrets;
    $file = "$secrets/app-password-$login-$name";
    $items = WP_Application_Passwords::get_user_application_passwords($user_id);
    if (is_file($file)) {
        $plain = trim(file_get_contents($file));
        foreach ($items as $item) {
            if ($item['name'] === $name && wp_check_password($plain, $item['password'], $user_id)) {
                return $plain;
            }
        }
    }
    foreach ($items as $item) {
        if ($item['name'] === $name) {
            WP_Application_Passwords::delete_application_password($user_id, $item['uuid']);
        }
    }
    $made = WP_Application_Passwords::create_new_application_password($user_id, ['name' => $name]);
    if (is_wp_error($made)) stop("application password for $login: " . $made->get_error_message());
    file_put_contents($file, $made[0]);
    chmod($file, 0600);
    echo "created application password $name for $login\n";
    return $made[0];
}

if (wp_get_environment_type() !== 'local' || !wp_is_application_passwords_available()) {
    stop('application passwords are not available (WP_ENVIRONMENT_TYPE must be local over http)');
}
$facts = [
    'WORDPRESS_VERSION' => get_bloginfo('version'),
    'WORDPRESS_TIMEZONE' => get_option('timezone_string'),
    'WORDPRESS_USER' => 'byline',
    'WORDPRESS_APP_PASSWORD' => app_password($ids['byline'], 'byline', 'byline'),
    'WORDPRESS_CONTRIBUTOR_USER' => 'contributor',
    'WORDPRESS_CONTRIBUTOR_APP_PASSWORD' => app_password($ids['contributor'], 'contributor', 'byline'),
    'WORDPRESS_AUTHOR_ID' => $ids['cio'],
    'WORDPRESS_AUTHOR_NAME' => $people['cio'][1],
    'WORDPRESS_AUTHOR_EMAIL' => $people['cio'][2],
    'WORDPRESS_ADMIN_USER' => 'admin',
    'WORDPRESS_ADMIN_PASSWORD' => secret('login-admin'),
    // Only an administrator may look users up by email (the author-mapping test).
    'WORDPRESS_ADMIN_APP_PASSWORD' => app_password(get_user_by('login', 'admin')->ID, 'admin', 'byline'),
];
$lines = '';
foreach ($facts as $key => $value) $lines .= "$key=$value\n";
file_put_contents($facts_file, $lines);
chmod($facts_file, 0600);
