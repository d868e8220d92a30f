#include "core/config.hpp"

#include <unistd.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

// [SECTION] Reading values with the key's full name in every message
// [SECTION] Sections
// [SECTION] Whole file
// [SECTION] Where assets live

namespace motcua {

namespace {

constexpr const char* kDefaultForm = "forms/dienbien-phieu4.json";
constexpr const char* kDefaultScoring = "scoring/dienbien-2022.json";
constexpr const char* kDefaultDatabase = "motcua.db";

//-----------------------------------------------------------------------------
// [SECTION] Reading values with the key's full name in every message
//-----------------------------------------------------------------------------

class Section {
  public:
    Section(const std::string& source, const std::string& name, const toml::table& table,
            const std::filesystem::path& base_dir)
        : source_(source), name_(name), table_(table), base_dir_(base_dir) {}

    [[noreturn]] void fail(std::string_view key, const std::string& problem) const {
        throw ConfigError(source_ + ": " + name_ + "." + std::string(key) + ": " + problem);
    }

    // Unknown keys are errors: a typo must not silently fall back to a default.
    void allow_only(std::initializer_list<std::string_view> keys) const {
        for (const auto& [key, node] : table_) {
            if (std::find(keys.begin(), keys.end(), key.str()) == keys.end()) {
                fail(key.str(), "unknown key");
            }
        }
    }

    void text(std::string_view key, std::string& out) const {
        const toml::node* node = table_.get(key);
        if (node == nullptr) {
            return;
        }
        const auto value = node->value<std::string>();
        if (!node->is_string() || !value) {
            fail(key, "expected a string, got " + type_name(*node));
        }
        if (!is_valid_utf8(*value)) {
            fail(key, "not valid UTF-8");
        }
        out = to_nfc(*value);
    }

    void integer(std::string_view key, int& out, int min, int max) const {
        const toml::node* node = table_.get(key);
        if (node == nullptr) {
            return;
        }
        if (!node->is_integer()) {
            fail(key, "expected an integer, got " + type_name(*node));
        }
        const std::int64_t value = node->as_integer()->get();
        if (value < min || value > max) {
            fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                          " (got " + std::to_string(value) + ")");
        }
        out = static_cast<int>(value);
    }

    void boolean(std::string_view key, bool& out) const {
        const toml::node* node = table_.get(key);
        if (node == nullptr) {
            return;
        }
        if (!node->is_boolean()) {
            fail(key, "expected true or false, got " + type_name(*node));
        }
        out = node->as_boolean()->get();
    }

    // A path; relative ones are resolved against the configuration file's folder. An empty
    // string counts as "not set".
    bool path(std::string_view key, std::filesystem::path& out) const {
        std::string value;
        text(key, value);
        if (value.empty()) {
            return false;
        }
        out = resolve(value);
        return true;
    }

    std::filesystem::path resolve(const std::filesystem::path& value) const {
        return value.is_absolute() ? value : (base_dir_ / value).lexically_normal();
    }

  private:
    static std::string type_name(const toml::node& node) {
        switch (node.type()) {
            case toml::node_type::table:
                return "a table";
            case toml::node_type::array:
                return "an array";
            case toml::node_type::string:
                return "a string";
            case toml::node_type::integer:
                return "an integer";
            case toml::node_type::floating_point:
                return "a floating-point number";
            case toml::node_type::boolean:
                return "a boolean";
            case toml::node_type::date:
            case toml::node_type::time:
            case toml::node_type::date_time:
                return "a date or time";
            case toml::node_type::none:
                break;
        }
        return "nothing";
    }

    const std::string& source_;
    std::string name_;
    const toml::table& table_;
    std::filesystem::path base_dir_;
};

//-----------------------------------------------------------------------------
// [SECTION] Sections
//-----------------------------------------------------------------------------

bool is_id_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

void check_identifier(const Section& section, std::string_view key, const std::string& value) {
    if (value.empty() || value.size() > 64 ||
        !std::all_of(value.begin(), value.end(), is_id_character)) {
        section.fail(key, "'" + value + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
}

void read_kiosk(const Section& section, KioskSettings& kiosk) {
    section.allow_only({"kiosk_id", "unit_code", "unit_name_vi", "unit_name_en", "language",
                        "idle_seconds", "countdown_seconds", "thank_you_seconds", "review_screen",
                        "staff_idle_seconds", "min_ratings_per_official",
                        "pin_attempts_before_lockout", "pin_lockout_seconds"});
    section.text("kiosk_id", kiosk.kiosk_id);
    check_identifier(section, "kiosk_id", kiosk.kiosk_id);
    section.text("unit_code", kiosk.unit_code);
    check_identifier(section, "unit_code", kiosk.unit_code);
    section.text("unit_name_vi", kiosk.unit_name.vi);
    if (kiosk.unit_name.vi.empty()) {
        section.fail("unit_name_vi", "must not be empty");
    }
    section.text("unit_name_en", kiosk.unit_name.en);
    if (kiosk.unit_name.en.empty()) {
        section.fail("unit_name_en", "must not be empty");
    }
    std::string language(to_string(kiosk.language));
    section.text("language", language);
    if (!parse_language(language, kiosk.language)) {
        section.fail("language", "must be \"vi\" or \"en\" (got \"" + language + "\")");
    }
    section.integer("idle_seconds", kiosk.idle_seconds, 5, 3600);
    section.integer("countdown_seconds", kiosk.countdown_seconds, 3, 120);
    section.integer("thank_you_seconds", kiosk.thank_you_seconds, 1, 60);
    section.boolean("review_screen", kiosk.review_screen);
    section.integer("staff_idle_seconds", kiosk.staff_idle_seconds, 10, 3600);
    section.integer("min_ratings_per_official", kiosk.min_ratings_per_official, 1, 1000);
    section.integer("pin_attempts_before_lockout", kiosk.pin_attempts_before_lockout, 1, 20);
    section.integer("pin_lockout_seconds", kiosk.pin_lockout_seconds, 10, 86400);
}

void read_dossier_code(const Section& section, DossierCodeRules& rules) {
    section.allow_only({"pattern", "example", "strip_chars", "max_length"});
    section.text("pattern", rules.pattern);
    section.text("example", rules.example);
    section.text("strip_chars", rules.strip_chars);
    int max_length = static_cast<int>(rules.max_length);
    section.integer("max_length", max_length, 1, 256);
    rules.max_length = static_cast<std::size_t>(max_length);
    try {
        DossierCodeValidator validator(rules);
    } catch (const std::invalid_argument& error) {
        // The validator's messages start with "dossier code <key>": blame that key.
        const std::string message = error.what();
        for (std::string_view key : {"strip_chars", "pattern", "example", "max_length"}) {
            if (message.rfind("dossier code " + std::string(key), 0) == 0) {
                section.fail(key, message);
            }
        }
        section.fail("pattern", message);
    }
}

bool is_clock_time(const std::string& text) {
    return text.size() == 5 && text[2] == ':' &&
           std::isdigit(static_cast<unsigned char>(text[0])) &&
           std::isdigit(static_cast<unsigned char>(text[1])) &&
           std::isdigit(static_cast<unsigned char>(text[3])) &&
           std::isdigit(static_cast<unsigned char>(text[4])) && std::stoi(text.substr(0, 2)) < 24 &&
           std::stoi(text.substr(3, 2)) < 60;
}

// "http://host:port/..." -> host (without brackets for IPv6 literals).
std::string url_host(const std::string& url) {
    const std::size_t start = url.find("://") + 3;
    std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
    authority =
        authority.substr(authority.find('@') == std::string::npos ? 0 : authority.find('@') + 1);
    if (!authority.empty() && authority[0] == '[') {
        return authority.substr(1, authority.find(']') - 1);
    }
    return authority.substr(0, authority.find(':'));
}

bool is_loopback_host(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The sync protocol accepts at most this many items per batch (docs/sync-protocol.md §2).
constexpr int kMaxBatchItems = 1000;

void read_sync(const Section& section, SyncSettings& sync) {
    section.allow_only({"server_url", "token_file", "ca_file", "pinned_public_key",
                        "allow_plain_http", "proxy", "batch_size", "window_start", "window_end",
                        "connect_timeout_seconds", "total_timeout_seconds"});
    section.text("server_url", sync.server_url);
    section.path("token_file", sync.token_file);
    section.path("ca_file", sync.ca_file);
    section.text("pinned_public_key", sync.pinned_public_key);
    section.boolean("allow_plain_http", sync.allow_plain_http);
    section.text("proxy", sync.proxy);
    section.integer("batch_size", sync.batch_size, 1, kMaxBatchItems);
    section.text("window_start", sync.window_start);
    if (!is_clock_time(sync.window_start)) {
        section.fail("window_start",
                     "expected a local time HH:MM (got \"" + sync.window_start + "\")");
    }
    section.text("window_end", sync.window_end);
    if (!is_clock_time(sync.window_end)) {
        section.fail("window_end", "expected a local time HH:MM (got \"" + sync.window_end + "\")");
    }
    section.integer("connect_timeout_seconds", sync.connect_timeout_seconds, 1, 300);
    section.integer("total_timeout_seconds", sync.total_timeout_seconds, 1, 3600);
    if (sync.total_timeout_seconds < sync.connect_timeout_seconds) {
        section.fail("total_timeout_seconds", "must not be shorter than connect_timeout_seconds");
    }
    if (sync.server_url.empty()) {
        return;
    }
    const bool https = sync.server_url.rfind("https://", 0) == 0;
    const bool http = sync.server_url.rfind("http://", 0) == 0;
    if (!https && !http) {
        section.fail("server_url", "must start with https:// (got \"" + sync.server_url + "\")");
    }
    if (url_host(sync.server_url).empty()) {
        section.fail("server_url", "has no host name (got \"" + sync.server_url + "\")");
    }
    if (http && !sync.allow_plain_http && !is_loopback_host(url_host(sync.server_url))) {
        section.fail("server_url",
                     "plain http:// to a host other than this machine needs "
                     "allow_plain_http = true (ratings would travel unencrypted)");
    }
    if (sync.token_file.empty()) {
        section.fail("token_file", "required when server_url is set");
    }
}

void read_profile(const Section& section, std::filesystem::path& out) {
    section.allow_only({"profile"});
    if (section.path("profile", out) && !std::filesystem::is_regular_file(out)) {
        section.fail("profile", "no such file: " + out.string());
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Whole file
//-----------------------------------------------------------------------------

Config parse_config(const std::string& toml_text, const std::filesystem::path& source) {
    const std::string source_name = source.string();
    toml::table document;
    try {
        document = toml::parse(toml_text, source_name);
    } catch (const toml::parse_error& error) {
        throw ConfigError(source_name + ": line " + std::to_string(error.source().begin.line) +
                          ", column " + std::to_string(error.source().begin.column) +
                          ": invalid TOML: " + std::string(error.description()));
    }
    const std::filesystem::path base_dir = source.empty()
                                               ? std::filesystem::current_path()
                                               : std::filesystem::absolute(source).parent_path();

    Config config;
    config.source = source;
    config.database = base_dir / kDefaultDatabase;

    using Reader = std::function<void(const Section&)>;
    const std::map<std::string, Reader> readers = {
        {"kiosk", [&](const Section& s) { read_kiosk(s, config.kiosk); }},
        {"storage",
         [&](const Section& s) {
             s.allow_only({"database"});
             s.path("database", config.database);
         }},
        {"form", [&](const Section& s) { read_profile(s, config.form_profile); }},
        {"scoring", [&](const Section& s) { read_profile(s, config.scoring_profile); }},
        {"dossier_code", [&](const Section& s) { read_dossier_code(s, config.dossier_code); }},
        {"sync", [&](const Section& s) { read_sync(s, config.sync); }},
    };
    for (const auto& [key, node] : document) {
        const std::string name(key.str());
        const auto reader = readers.find(name);
        if (reader == readers.end()) {
            throw ConfigError(source_name + ": " + name +
                              ": unknown section (expected kiosk, storage, form, scoring, "
                              "dossier_code or sync)");
        }
        if (!node.is_table()) {
            throw ConfigError(source_name + ": " + name + ": expected a [" + name + "] section");
        }
        reader->second(Section(source_name, name, *node.as_table(), base_dir));
    }
    if (config.form_profile.empty()) {
        config.form_profile = assets_dir() / kDefaultForm;
    }
    if (config.scoring_profile.empty()) {
        config.scoring_profile = assets_dir() / kDefaultScoring;
    }
    return config;
}

Config load_config_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError(path.string() + ": cannot open the configuration file");
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw ConfigError(path.string() + ": cannot read the configuration file");
    }
    return parse_config(content.str(), path);
}

//-----------------------------------------------------------------------------
// [SECTION] Where assets live
//-----------------------------------------------------------------------------

std::filesystem::path assets_dir() {
    if (const char* from_environment = std::getenv("MOTCUA_ASSETS");
        from_environment != nullptr && *from_environment != '\0') {
        const std::filesystem::path dir = from_environment;
        if (!std::filesystem::is_directory(dir)) {
            throw ConfigError("MOTCUA_ASSETS=" + dir.string() + ": not a directory");
        }
        return dir;
    }
    std::error_code error;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const std::filesystem::path exe_dir = exe.parent_path();
        for (const std::filesystem::path& candidate :
             {exe_dir / ".." / "share" / "motcua" / "assets", exe_dir / "assets"}) {
            if (std::filesystem::is_directory(candidate)) {
                return candidate.lexically_normal();
            }
        }
    }
    const std::filesystem::path source_tree = MOTCUA_SOURCE_ASSETS;
    if (std::filesystem::is_directory(source_tree)) {
        return source_tree;
    }
    throw ConfigError(
        "cannot find the assets folder: set MOTCUA_ASSETS, or install them to "
        "<prefix>/share/motcua/assets (looked beside the executable and in " +
        source_tree.string() + ")");
}

Config default_config(const std::filesystem::path& database) {
    if (database.empty()) {
        throw ConfigError("no database path given (use --db PATH or [storage] database)");
    }
    Config config;
    config.database = database;
    config.form_profile = assets_dir() / kDefaultForm;
    config.scoring_profile = assets_dir() / kDefaultScoring;
    return config;
}

}  // namespace motcua
