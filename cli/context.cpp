#include "cli/context.hpp"

#include <iostream>

namespace motcua::cli {

Context::Context(GlobalOptions options) : options_(std::move(options)) {}

const Config& Context::config() {
    if (!config_) {
        if (!options_.config_path.empty()) {
            config_ = load_config_file(options_.config_path);
        } else if (!options_.db_path.empty()) {
            config_ = default_config(options_.db_path);
        } else {
            throw ConfigError(
                "no database given: pass --db PATH, or --config PATH to a configuration file");
        }
        if (!options_.db_path.empty()) {
            config_->database = options_.db_path;
        }
    }
    return *config_;
}

std::filesystem::path Context::database_path() {
    return config().database;
}

Store& Context::store(OpenMode mode) {
    if (!store_) {
        std::filesystem::path path = database_path();
        if (mode != OpenMode::create && !std::filesystem::exists(path)) {
            throw StoreError(StoreErrorKind::cannot_open,
                             "database " + path.string() +
                                 " does not exist; create it with: motcua init --db " +
                                 path.string());
        }
        OpenOptions open;
        open.create = mode == OpenMode::create;
        open.quick_check = mode == OpenMode::checked;
        store_.emplace(path, open);
    }
    return *store_;
}

const Form& Context::form() {
    if (!form_) {
        form_ = load_form_file(config().form_profile);
    }
    return *form_;
}

const ScoringProfile& Context::scoring() {
    if (!scoring_) {
        scoring_ = load_scoring_file(config().scoring_profile);
    }
    return *scoring_;
}

const DossierCodeValidator& Context::dossier_codes() {
    if (!dossier_codes_) {
        try {
            dossier_codes_ = std::make_unique<DossierCodeValidator>(config().dossier_code);
        } catch (const std::invalid_argument& error) {
            throw ConfigError(config().source.string() + ": dossier_code: " + error.what());
        }
    }
    return *dossier_codes_;
}

std::string Context::today() const {
    UtcMillis now = clock_.now_utc();
    return local_date(now, clock_.utc_offset_minutes(now));
}

void print_error(std::string_view message) {
    std::cerr << "motcua: " << message << "\n";
}

void print_json(const nlohmann::ordered_json& json) {
    // Text read back from an old or damaged database must not abort the output.
    std::cout << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace motcua::cli
