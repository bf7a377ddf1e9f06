from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

ROLE_CHOICES = [
    SelectChoice("author", "Author: writes and submits posts"),
    SelectChoice("reviewer", "Reviewer: edits, comments and approves"),
    SelectChoice("admin", "Admin: manages users and settings"),
]


class RoleField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class NewUserForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Initial password", validators=[DataRequired(), Length(min=10, max=1024, message="Choose a password of at least 10 characters.")]
    )
    roles = RoleField("Roles", choices=ROLE_CHOICES, default=["author"])


class EditUserForm(FlaskForm):
    roles = RoleField("Roles", choices=ROLE_CHOICES)
    daily_tokens = IntegerField(
        "Daily model tokens (empty: the default from Model settings)",
        validators=[Optional(), NumberRange(0, 100_000_000)],
    )
    password = PasswordField(
        "New password (leave empty to keep)", validators=[Optional(), Length(min=10, max=1024, message="Choose a password of at least 10 characters.")]
    )

