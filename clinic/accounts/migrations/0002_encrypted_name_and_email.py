"""Encrypt every account's name and sign-in address (they were plain text in the users table),
and add the keyed digest that sign-in finds the person by."""

from __future__ import annotations

from django.db import migrations, models

import clinic.core.fields


def encrypt_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    from clinic.core import keys
    from clinic.core.crypto import encrypt
    from clinic.core.lookups import user_email_index

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, code, email, full_name FROM accounts_user")
        rows = cursor.fetchall()
    keyring = keys.keyring()
    for pk, code, email, full_name in rows:
        code = str(code)
        if len(code) == 32:  # SQLite keeps UUIDs as hex
            code = f"{code[:8]}-{code[8:12]}-{code[12:16]}-{code[16:20]}-{code[20:]}"
        email = (email or "").strip().lower()
        sealed_email = encrypt(email, keyring=keyring, aad=f"accounts_user.email:{code}")
        sealed_name = (
            encrypt(full_name, keyring=keyring, aad=f"accounts_user.full_name:{code}")
            if full_name
            else ""
        )
        digest = user_email_index(email)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE accounts_user SET email = %s, full_name = %s, email_bidx = %s "
                "WHERE id = %s",
                [sealed_email, sealed_name, digest, pk],
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(name="user", options={"ordering": ["id"]}),
        migrations.AddField(
            model_name="user",
            name="email_bidx",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="user",
            name="email",
            field=clinic.core.fields.EncryptedEmailField(
                unique=True, verbose_name="email address"
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="full_name",
            field=clinic.core.fields.EncryptedCharField(max_length=150),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="email_bidx",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
