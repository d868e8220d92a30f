// Replays the fuzzers' seed corpora (fuzz/corpus/<target>/, including the inputs that once
// crashed a loader) through the normal build's loaders: each input is loaded or refused with the
// loader's own error and a message, never anything else. The fuzzers themselves run in
// scripts/fuzz (clang, libFuzzer).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "core/scoring.hpp"
#include "server/request_parsing.hpp"

using namespace motcua;

namespace {

const std::filesystem::path kCorpus = std::filesystem::path(MOTCUA_SOURCE_DIR) / "fuzz" / "corpus";

// Every input of one target's corpus, by file name.
std::vector<std::pair<std::string, std::string>> corpus(const std::string& target) {
    std::vector<std::pair<std::string, std::string>> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus / target)) {
        std::ifstream file(entry.path(), std::ios::binary);
        std::ostringstream content;
        content << file.rdbuf();
        inputs.emplace_back(entry.path().filename().string(), content.str());
    }
    REQUIRE(inputs.size() >= 3);
    return inputs;
}

// Loads `text` with `load`; true when loaded, false when refused with `Error` and a message.
template <typename Error, typename Load>
bool loads(const std::string& text, Load load) {
    try {
        load(text);
        return true;
    } catch (const Error& error) {
        CHECK_FALSE(std::string(error.what()).empty());
        return false;
    }
}

}  // namespace

TEST_CASE("fuzz corpus: numbers beyond a double's range are refused as invalid JSON",
          "[drills][fuzz]") {
    CHECK_THROWS_AS(parse_form("{\"id\": 1e999}", "form.json"), FormError);
    CHECK_THROWS_AS(parse_scoring_profile("{\"version\": -1e999}", "scoring.json"), ScoringError);
}

TEST_CASE("fuzz corpus: every seed and regression input gets a clear answer", "[drills][fuzz]") {
    for (const auto& [name, text] : corpus("fuzz_form_profile")) {
        INFO(name);
        CHECK(loads<FormError>(text, [](const std::string& t) { parse_form(t, "f.json"); }) ==
              (name.rfind("valid-", 0) == 0));
    }
    for (const auto& [name, text] : corpus("fuzz_scoring_profile")) {
        INFO(name);
        CHECK(loads<ScoringError>(text, [](const std::string& t) {
                  parse_scoring_profile(t, "s.json");
              }) == (name.rfind("valid-", 0) == 0));
    }
    for (const auto& [name, text] : corpus("fuzz_config")) {
        INFO(name);
        CHECK(loads<ConfigError>(text, [](const std::string& t) {
                  parse_config(t, kCorpus / "fuzz_config" / "kiosk.toml");
              }) == (name.rfind("valid-", 0) == 0));
    }
    const DossierCodeValidator validator{DossierCodeRules{}};
    for (const auto& [name, text] : corpus("fuzz_dossier_code")) {
        INFO(name);
        const DossierCodeResult result = validator.check(text);
        CHECK(result.ok() == (name.rfind("valid-", 0) == 0));
        if (result.ok()) {
            CHECK(result.code == "000.00.24.H18-221228-0001");
        }
    }
    server::KioskRecord kiosk;
    kiosk.kiosk_id = "DB-STP-01";
    kiosk.unit_code = "000.00.24.H18";
    for (const auto& [name, text] : corpus("fuzz_batch_parser")) {
        INFO(name);
        const std::string_view body = std::string_view(text).substr(1);
        const bool parsed = loads<server::ApiError>(std::string(body), [&](const std::string& t) {
            if (text[0] % 2 == 0) {
                server::parse_batch(t, kiosk);
            } else {
                server::parse_heartbeat(t, kiosk);
            }
        });
        CHECK(parsed == (name.find("-valid") != std::string::npos ||
                         name.find("-item-") != std::string::npos || name == "batch-empty"));
    }
}
