#pragma once
// What every subcommand needs, loaded on first use: the configuration (--config, or defaults),
// the database (--db overrides the configuration's), the form and scoring profiles, the
// dossier-code rules and the clock. Errors surface as the core and storage exceptions, whose
// messages name the file and the problem; main turns them into a message and an exit code.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/dossier_code.hpp"
#include "core/form.hpp"
#include "core/scoring.hpp"
#include "storage/store.hpp"

namespace motcua::cli {

struct GlobalOptions {
    std::string config_path;  // empty: built-in defaults
    std::string db_path;      // empty: the configuration's database
};

// Only `motcua check` and `motcua doctor` run quick_check at open: it reads the whole file
// (seconds at a million ratings). Damage elsewhere surfaces as StoreErrorKind::corrupt when a
// read meets it.
enum class OpenMode {
    existing,     // the file must exist
    for_reading,  // the file must exist (commands that only read figures)
    create,       // create the file and schema when missing
    checked,      // the file must exist; quick_check at open, before anything is written
};

class Context {
  public:
    explicit Context(GlobalOptions options);

    // Throws ConfigError when neither --config nor --db is given or the file is bad.
    const Config& config();
    std::filesystem::path database_path();
    // Opens the database once. A missing file is refused, with a hint to run init, unless
    // `mode` is create.
    Store& store(OpenMode mode = OpenMode::existing);
    const Form& form();
    const ScoringProfile& scoring();
    const DossierCodeValidator& dossier_codes();
    const Clock& clock() const { return clock_; }
    // Today's local date on this machine.
    std::string today() const;

  private:
    GlobalOptions options_;
    SystemClock clock_;
    std::optional<Config> config_;
    std::optional<Store> store_;
    std::optional<Form> form_;
    std::optional<ScoringProfile> scoring_;
    std::unique_ptr<DossierCodeValidator> dossier_codes_;
};

// "motcua: <message>" on stderr.
void print_error(std::string_view message);
// Pretty-printed JSON and a newline on stdout.
void print_json(const nlohmann::ordered_json& json);

}  // namespace motcua::cli
