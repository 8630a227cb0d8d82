import GRDB

/// The versioned schema. Lists (emails, circles…) are stored one value per line: values never
/// hold a newline (``Store`` folds them to spaces) and this keeps loading 100,000 contacts fast.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE contact (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            circles TEXT NOT NULL DEFAULT '',
            birthday TEXT,
            dates TEXT NOT NULL DEFAULT '',
            every TEXT,
            emails TEXT NOT NULL DEFAULT '',
            phones TEXT NOT NULL DEFAULT '',
            linkedin TEXT,
            urls TEXT NOT NULL DEFAULT '',
            company TEXT,
            position TEXT,
            notes TEXT,
            tags TEXT NOT NULL DEFAULT '',
            met_on TEXT,
            added REAL NOT NULL
          );
          CREATE TABLE interaction (
            id INTEGER PRIMARY KEY,
            contact_id TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            logged_at REAL NOT NULL,
            kind TEXT NOT NULL,
            note TEXT
          );
          CREATE INDEX interaction_by_contact ON interaction(contact_id, date);
          CREATE TABLE occurrence (
            contact_id TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            snoozed_until REAL,
            done_at REAL,
            announced_at REAL,
            PRIMARY KEY (contact_id, kind, occurrence)
          );
          CREATE TABLE announcement (
            id INTEGER PRIMARY KEY,
            reminder_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            due REAL NOT NULL,
            announced_at REAL NOT NULL
          );
          """)
    }
    return migrator
  }
}
