import ArgumentParser

/// Where to find kith's files, shared by every command.
struct GlobalOptions: ParsableArguments {
  @Option(help: "Config file (default: $KITH_CONFIG or ~/.config/kith/kith.toml).")
  var config: String?

  @Option(help: "State directory (default: $KITH_STATE_DIR or ~/.local/state/kith).")
  var stateDir: String?

  @Option(help: "Daemon socket (default: $KITH_SOCKET or $XDG_RUNTIME_DIR/kith/kith.sock).")
  var socket: String?
}

/// `--json` for listings.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON (stable field names; times as ISO 8601 with offset).")
  var json = false
}
