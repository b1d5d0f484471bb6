from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_attachment_event_types"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="event_type",
            field=models.PositiveIntegerField(
                choices=[
                    (100, "Signed in"),
                    (101, "Failed sign-in"),
                    (102, "Signed out"),
                    (103, "Account locked"),
                    (104, "Password changed"),
                    (105, "Two-factor authentication enrolled"),
                    (106, "Failed two-factor check"),
                    (107, "Two-factor check passed"),
                    (108, "Two-factor authentication reset"),
                    (109, "Backup codes generated"),
                    (200, "Record created"),
                    (201, "Record changed"),
                    (202, "Record deleted"),
                    (203, "Status changed"),
                    (204, "Records merged"),
                    (205, "Personal data erased"),
                    (206, "Attachment added"),
                    (207, "Attachment withdrawn"),
                    (300, "Record viewed"),
                    (301, "Search"),
                    (302, "Screening"),
                    (303, "Export"),
                    (304, "Attachment downloaded"),
                    (305, "Audit log viewed"),
                    (400, "User created"),
                    (401, "User changed"),
                    (402, "User deactivated"),
                    (403, "User reactivated"),
                    (410, "Unit created"),
                    (411, "Unit changed"),
                    (420, "API token created"),
                    (430, "Code list changed"),
                    (440, "Installation settings changed"),
                    (500, "Data disclosed to a partner"),
                    (501, "Bundle received"),
                ],
                db_index=True,
                verbose_name="event",
            ),
        ),
    ]
