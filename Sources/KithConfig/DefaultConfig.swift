/// The configuration that applies when no file exists; `config/kith.toml` is a copy of it, and
/// a test keeps the two equal.
public enum DefaultConfig {
  public static let text = """
    # kith configuration: when to announce, and how often to keep in touch with each circle.
    # Lives at ~/.config/kith/kith.toml; `kith config check` validates it.

    # IANA time zone for every date and time; default: the system's zone.
    # timezone = "Europe/Berlin"

    # Local time at which reminders are announced.
    notify_at = "09:00"

    # Days on which keep-in-touch reminders may fall (birthdays ignore this).
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    # Announce a reminder left unanswered again after this many days ("1d"), or "never".
    renotify = "1d"

    # A circle's cadence: "N days", "N weeks", "N months", "N years", or "weekly",
    # "fortnightly", "monthly", "quarterly", "yearly".
    [circles.core]
    every = "1 month"

    [circles.friends]
    every = "2 months"

    [circles.recruiters]
    every = "3 months"

    [circles.colleagues]
    every = "6 months"

    # Birthdays and other yearly dates.
    [birthdays]
    # Announce this many days ahead.
    lead = "0d"
    # Feb 29 in common years: "feb28" or "mar1".
    feb29 = "feb28"

    """
}
