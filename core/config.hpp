#pragma once
// The kiosk's configuration file (TOML; keys in docs/configuration.md, example in
// assets/config/). Relative paths in it are resolved against the file's own folder.

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "dossier_code.hpp"
#include "text.hpp"

namespace motcua {

struct KioskSettings {
    std::string kiosk_id = "demo-kiosk-01";
    std::string unit_code = "000.00.24.H18";
    LocalizedText unit_name{"Bộ phận Một cửa (demo)", "One-stop counter (demo)"};
    Language language = Language::vi;
    int idle_seconds = 30;       // without input before the countdown appears
    int countdown_seconds = 10;  // visible countdown before an unfinished rating is dropped
    int thank_you_seconds = 3;
    bool review_screen = true;
    int staff_idle_seconds = 120;
    int min_ratings_per_official = 5;  // per-official figures are hidden below this
    int pin_attempts_before_lockout = 5;
    int pin_lockout_seconds = 300;
};

struct SyncSettings {
    std::string server_url;  // empty: sync disabled
    std::filesystem::path token_file;
    std::filesystem::path ca_file;  // empty: the system bundle
    std::string pinned_public_key;  // libcurl CURLOPT_PINNEDPUBLICKEY syntax, optional
    bool allow_plain_http = false;  // http:// to anything but loopback needs this
    std::string proxy;
    int batch_size = 1000;
    std::string window_start = "01:00";  // local time
    std::string window_end = "04:00";
    int connect_timeout_seconds = 10;
    int total_timeout_seconds = 120;
};

struct Config {
    std::filesystem::path source;  // the file it came from ("" for defaults)
    KioskSettings kiosk;
    std::filesystem::path database;         // default: motcua.db beside the config
    std::filesystem::path form_profile;     // assets/forms/...
    std::filesystem::path scoring_profile;  // assets/scoring/...
    DossierCodeRules dossier_code;
    SyncSettings sync;
};

// Messages name the file, the key and the problem, e.g.
// "kiosk.toml: kiosk.idle_seconds: must be between 5 and 3600 (got 0)". Unknown keys are errors
// (a typo must not silently fall back to a default).
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

Config parse_config(const std::string& toml_text, const std::filesystem::path& source);
Config load_config_file(const std::filesystem::path& path);

// Where assets live: $MOTCUA_ASSETS, else <exe dir>/../share/motcua/assets,
// else <exe dir>/assets, else the source tree's assets/ (compiled in). Throws ConfigError
// when none exists.
std::filesystem::path assets_dir();

// The configuration used when none is given: defaults, with the default form and scoring
// profiles from assets_dir() and the database `database` (required).
Config default_config(const std::filesystem::path& database);

}  // namespace motcua
