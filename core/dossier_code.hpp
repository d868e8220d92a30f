#pragma once
// What a keyboard-wedge scanner or a person typed, turned into a dossier code or refused with
// a message that says what was expected. The accepted shape is configuration.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace motcua {

struct DossierCodeRules {
    // ECMAScript regular expression the whole normalised code must match. Default: the
    // "{unit identifier}-{yyMMdd}-{NNNN}" shape, e.g. 000.00.24.H18-221228-0001.
    std::string pattern = R"(^[A-Z0-9]+(\.[A-Z0-9]+)*-[0-9]{6}-[0-9]{4,6}$)";
    std::string example = "000.00.24.H18-221228-0001";
    // Characters a scanner may add around the code (prefix/suffix), stripped from both ends.
    std::string strip_chars = "*";
    std::size_t max_length = 64;
};

enum class DossierCodeProblem {
    none,
    empty,
    too_long,
    invalid_utf8,
    control_character,
    bad_shape,  // does not match the pattern
};

struct DossierCodeResult {
    DossierCodeProblem problem = DossierCodeProblem::none;
    std::string code;        // the normalised code when problem == none
    std::string message_en;  // for logs and staff: what was wrong and what was expected
    std::string message_vi;  // for the citizen: polite, with the example

    bool ok() const { return problem == DossierCodeProblem::none; }
};

// Applies a set of rules; the pattern is compiled once.
class DossierCodeValidator {
  public:
    // Throws std::invalid_argument (English, naming the problem) when the pattern does not
    // compile, the example does not match it, or max_length is 0.
    explicit DossierCodeValidator(DossierCodeRules rules);

    // Trims white space, strips the configured prefix/suffix characters, NFC-normalises,
    // folds look-alikes (Unicode dashes and minus to '-', full-width ASCII to ASCII),
    // upper-cases ASCII letters, then validates length, characters and pattern.
    DossierCodeResult check(std::string_view raw) const;

    const DossierCodeRules& rules() const { return rules_; }

  private:
    DossierCodeRules rules_;
    // RE2, not std::regex: RE2 matches in time linear in the code whatever pattern a config
    // names. libstdc++'s backtracking, recursive matcher ran for minutes on a pattern the
    // config fuzzer wrote.
    std::shared_ptr<const re2::RE2> pattern_;
};

}  // namespace motcua
