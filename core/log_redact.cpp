#include "core/log_redact.hpp"

#include <regex>

namespace motcua {

namespace {

constexpr std::size_t kDossierCharsKept = 4;

// The default dossier-code shape (docs/configuration.md), found anywhere in a line.
const std::regex& dossier_code_shape() {
    static const std::regex shape(R"([A-Za-z0-9]+(\.[A-Za-z0-9]+)*-[0-9]{6}-[0-9]{4,6})");
    return shape;
}

std::string replace_all(const std::string& text, const std::regex& pattern,
                        const std::string& replacement) {
    return std::regex_replace(text, pattern, replacement);
}

}  // namespace

std::string mask_dossier_code(std::string_view code) {
    if (code.size() <= kDossierCharsKept) {
        return "…";
    }
    return "…" + std::string(code.substr(code.size() - kDossierCharsKept));
}

std::string redact_log_line(std::string_view line) {
    static const std::regex token(R"(mct_[0-9A-Fa-f]+)");
    static const std::regex bearer(R"((Bearer)\s+\S+)", std::regex::icase);
    static const std::regex url_password(R"(://[^/\s:@]+:[^/\s@]+@)");
    static const std::regex pin(R"(\b(pin)\s*[=:]\s*\S+)", std::regex::icase);
    std::string text(line);
    text = replace_all(text, token, "[redacted]");
    text = replace_all(text, bearer, "$1 [redacted]");
    text = replace_all(text, url_password, "://[redacted]@");
    text = replace_all(text, pin, "$1=[redacted]");

    std::string masked;
    auto begin = std::sregex_iterator(text.begin(), text.end(), dossier_code_shape());
    std::size_t copied = 0;
    for (auto match = begin; match != std::sregex_iterator(); ++match) {
        masked.append(text, copied, static_cast<std::size_t>(match->position()) - copied);
        masked += mask_dossier_code(match->str());
        copied = static_cast<std::size_t>(match->position() + match->length());
    }
    masked.append(text, copied);
    return masked;
}

std::string log_fields(const std::vector<std::pair<std::string_view, std::string>>& fields) {
    std::string line;
    for (const auto& [key, raw] : fields) {
        const std::string value = redact_log_line(raw);
        if (!line.empty()) {
            line += ' ';
        }
        line += key;
        line += '=';
        if (!value.empty() && value.find_first_of(" \"=\t") == std::string::npos) {
            line += value;
            continue;
        }
        line += '"';
        for (char c : value) {
            if (c == '"' || c == '\\') {
                line += '\\';
            }
            line += c;
        }
        line += '"';
    }
    return line;
}

}  // namespace motcua
