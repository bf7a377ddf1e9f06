from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class SetupForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=10, max=1024, message="Choose a password of at least 10 characters.")])
    confirm = PasswordField(
        "Repeat password", validators=[EqualTo("password", message="The passwords differ.")]
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=1024)])
    password = PasswordField("New password", validators=[DataRequired(), Length(min=10, max=1024, message="Choose a password of at least 10 characters.")])
    confirm = PasswordField(
        "Repeat new password", validators=[EqualTo("password", message="The passwords differ.")]
    )


class ProfileForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    timezone = SelectField("Time zone", choices=[], validate_choice=False,
                           validators=[Length(max=64)])


class ForgotForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])


class ResetForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(min=10, max=1024, message="Choose a password of at least 10 characters.")])
    confirm = PasswordField(
        "Repeat new password", validators=[EqualTo("password", message="The passwords differ.")]
    )
