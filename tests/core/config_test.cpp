#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "core/config.hpp"

using namespace motcua;
namespace fs = std::filesystem;

namespace {

const fs::path kAssets = MOTCUA_TEST_ASSETS;

// A fresh folder under the system's temporary directory, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "motcua-core-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = path / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file;
    }
};

std::string config_error(const std::string& text) {
    try {
        parse_config(text, "/etc/motcua/kiosk.toml");
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("the shipped example and demo configurations load", "[config]") {
    const Config example = load_config_file(kAssets / "config" / "kiosk.example.toml");
    const KioskSettings defaults;
    CHECK(example.kiosk.kiosk_id == defaults.kiosk_id);
    CHECK(example.kiosk.idle_seconds == defaults.idle_seconds);
    CHECK(example.database == (kAssets / "config" / "motcua.db").lexically_normal());
    CHECK(fs::is_regular_file(example.form_profile));
    CHECK(fs::is_regular_file(example.scoring_profile));
    CHECK(example.sync.server_url.empty());
    CHECK(example.dossier_code.pattern == DossierCodeRules{}.pattern);

    const Config demo = load_config_file(kAssets / "config" / "demo.toml");
    CHECK(demo.kiosk.kiosk_id == "DB-STP-01");
    CHECK(demo.kiosk.unit_name.vi == "Sở Tư pháp tỉnh Điện Biên");
    CHECK(demo.kiosk.unit_code == "000.00.24.H18");
}

TEST_CASE("a full configuration is read, relative paths against the file's folder", "[config]") {
    TempDir dir;
    dir.write("profiles/form.json", "{}");
    dir.write("profiles/scoring.json", "{}");
    const fs::path file = dir.write("etc/kiosk.toml", R"(
[kiosk]
kiosk_id = "DB-STP-02"
unit_code = "000.00.24.H18"
unit_name_vi = "Sở Tư pháp"
unit_name_en = "Department of Justice"
language = "en"
idle_seconds = 45
countdown_seconds = 15
thank_you_seconds = 4
review_screen = false
staff_idle_seconds = 300
min_ratings_per_official = 10
pin_attempts_before_lockout = 3
pin_lockout_seconds = 600

[storage]
database = "../data/motcua.db"

[form]
profile = "../profiles/form.json"

[scoring]
profile = "../profiles/scoring.json"

[dossier_code]
pattern = '^[0-9]{4}$'
example = "0001"
strip_chars = "#"
max_length = 10

[sync]
server_url = "https://dvc.dienbien.gov.vn/motcua"
token_file = "token"
ca_file = "/etc/ssl/certs/ca-certificates.crt"
pinned_public_key = "sha256//AAAA"
proxy = "http://proxy:3128"
batch_size = 200
window_start = "22:30"
window_end = "05:00"
connect_timeout_seconds = 5
total_timeout_seconds = 60
)");
    const Config config = load_config_file(file);
    CHECK(config.source == file);
    CHECK(config.kiosk.kiosk_id == "DB-STP-02");
    CHECK(config.kiosk.language == Language::en);
    CHECK(config.kiosk.idle_seconds == 45);
    CHECK_FALSE(config.kiosk.review_screen);
    CHECK(config.kiosk.pin_lockout_seconds == 600);
    CHECK(config.database == dir.path / "data" / "motcua.db");
    CHECK(config.form_profile == dir.path / "profiles" / "form.json");
    CHECK(config.scoring_profile == dir.path / "profiles" / "scoring.json");
    CHECK(config.dossier_code.example == "0001");
    CHECK(config.dossier_code.max_length == 10);
    CHECK(config.sync.token_file == dir.path / "etc" / "token");
    CHECK(config.sync.ca_file == "/etc/ssl/certs/ca-certificates.crt");
    CHECK(config.sync.batch_size == 200);
    CHECK(config.sync.window_start == "22:30");
    CHECK(config.sync.total_timeout_seconds == 60);
}

TEST_CASE("an empty configuration gives the defaults", "[config]") {
    const Config config = parse_config("", "/srv/kiosk/kiosk.toml");
    CHECK(config.database == "/srv/kiosk/motcua.db");
    CHECK(config.kiosk.countdown_seconds == 10);
    CHECK(config.form_profile.filename() == "dienbien-phieu4.json");
    CHECK(config.scoring_profile.filename() == "dienbien-2022.json");

    const Config defaults = default_config("/tmp/x.db");
    CHECK(defaults.database == "/tmp/x.db");
    CHECK(fs::is_regular_file(defaults.form_profile));
    CHECK_THROWS_AS(default_config(""), ConfigError);
}

TEST_CASE("bad configurations are refused naming the file, the key and the problem", "[config]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"[kiosk]\nidle_secs = 30\n", "/etc/motcua/kiosk.toml: kiosk.idle_secs: unknown key"},
        {"[kiosks]\n", "/etc/motcua/kiosk.toml: kiosks: unknown section"},
        {"[kiosk]\nidle_seconds = 0\n",
         "/etc/motcua/kiosk.toml: kiosk.idle_seconds: must be between 5 and 3600 (got 0)"},
        {"[kiosk]\nidle_seconds = \"30\"\n",
         "/etc/motcua/kiosk.toml: kiosk.idle_seconds: expected an integer, got a string"},
        {"[kiosk]\nreview_screen = 1\n",
         "/etc/motcua/kiosk.toml: kiosk.review_screen: expected true or false, got an integer"},
        {"[kiosk]\nlanguage = \"fr\"\n",
         "/etc/motcua/kiosk.toml: kiosk.language: must be \"vi\" or \"en\" (got \"fr\")"},
        {"[kiosk]\nkiosk_id = \"kiosk 1\"\n", "/etc/motcua/kiosk.toml: kiosk.kiosk_id: 'kiosk 1'"},
        {"[kiosk]\nunit_name_vi = \"\"\n",
         "/etc/motcua/kiosk.toml: kiosk.unit_name_vi: must not be empty"},
        {"[storage]\ndb = \"x.db\"\n", "/etc/motcua/kiosk.toml: storage.db: unknown key"},
        {"[form]\nprofile = \"missing.json\"\n",
         "/etc/motcua/kiosk.toml: form.profile: no such file: /etc/motcua/missing.json"},
        {"[dossier_code]\npattern = \"^[A-Z\"\n", "/etc/motcua/kiosk.toml: dossier_code.pattern: "},
        {"[dossier_code]\nexample = \"abc\"\n",
         "/etc/motcua/kiosk.toml: dossier_code.example: dossier code example 'abc' is not "
         "accepted"},
        {"[dossier_code]\nstrip_chars = \"* \"\n",
         "/etc/motcua/kiosk.toml: dossier_code.strip_chars: "},
        {"[dossier_code]\nmax_length = 0\n",
         "/etc/motcua/kiosk.toml: dossier_code.max_length: must be between 1 and 256 (got 0)"},
        {"[sync]\nbatch_size = 0\n",
         "/etc/motcua/kiosk.toml: sync.batch_size: must be between 1 and 1000 (got 0)"},
        {"[sync]\nbatch_size = 1001\n",
         "/etc/motcua/kiosk.toml: sync.batch_size: must be between 1 and 1000 (got 1001)"},
        {"[sync]\nwindow_start = \"1:00\"\n",
         "/etc/motcua/kiosk.toml: sync.window_start: expected a local time HH:MM"},
        {"[sync]\nwindow_end = \"24:00\"\n",
         "/etc/motcua/kiosk.toml: sync.window_end: expected a local time HH:MM"},
        {"[sync]\nconnect_timeout_seconds = 60\ntotal_timeout_seconds = 30\n",
         "/etc/motcua/kiosk.toml: sync.total_timeout_seconds: must not be shorter"},
        {"[sync]\nserver_url = \"ftp://x\"\ntoken_file = \"t\"\n",
         "/etc/motcua/kiosk.toml: sync.server_url: must start with https://"},
        {"[sync]\nserver_url = \"http://dvc.example.vn/\"\ntoken_file = \"t\"\n",
         "/etc/motcua/kiosk.toml: sync.server_url: plain http:// to a host other than this "
         "machine needs allow_plain_http = true"},
        {"[sync]\nserver_url = \"https://dvc.example.vn/\"\n",
         "/etc/motcua/kiosk.toml: sync.token_file: required when server_url is set"},
        {"kiosk = 3\n", "/etc/motcua/kiosk.toml: kiosk: expected a [kiosk] section"},
        {"[kiosk\n", "/etc/motcua/kiosk.toml: line 1, column "},
    };
    for (const auto& [text, expected] : cases) {
        INFO(text);
        const std::string message = config_error(text);
        INFO(message);
        CHECK(message.rfind(expected, 0) == 0);
    }
}

TEST_CASE("plain http is allowed to loopback, or when explicitly allowed", "[config]") {
    CHECK(config_error("[sync]\nserver_url = \"http://127.0.0.1:8080/\"\ntoken_file = \"t\"\n") ==
          "(accepted)");
    CHECK(config_error("[sync]\nserver_url = \"http://[::1]:8080/\"\ntoken_file = \"t\"\n") ==
          "(accepted)");
    CHECK(config_error("[sync]\nserver_url = \"http://localhost/\"\ntoken_file = \"t\"\n") ==
          "(accepted)");
    CHECK(config_error("[sync]\nserver_url = \"http://10.0.0.5/\"\ntoken_file = \"t\"\n"
                       "allow_plain_http = true\n") == "(accepted)");
}

TEST_CASE("assets_dir honours MOTCUA_ASSETS", "[config]") {
    TempDir dir;
    setenv("MOTCUA_ASSETS", dir.path.c_str(), 1);
    CHECK(assets_dir() == dir.path);
    setenv("MOTCUA_ASSETS", (dir.path / "missing").c_str(), 1);
    CHECK_THROWS_AS(assets_dir(), ConfigError);
    unsetenv("MOTCUA_ASSETS");
    CHECK(fs::is_regular_file(assets_dir() / "forms" / "dienbien-phieu4.json"));
}
