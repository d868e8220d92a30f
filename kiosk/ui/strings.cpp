#include "kiosk/ui/strings.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace motcua::kiosk::ui {

namespace {

constexpr std::string_view kKeyNames[] = {
#define MOTCUA_KIOSK_STRING_NAME(name) #name,
    MOTCUA_KIOSK_STRING_KEYS(MOTCUA_KIOSK_STRING_NAME)
#undef MOTCUA_KIOSK_STRING_NAME
};

std::array<std::string, Strings::kCount> parse_language(const std::string& json_text,
                                                        const std::string& source) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& error) {
        throw StringsError(source + ": invalid JSON: " + error.what());
    }
    if (!document.is_object()) {
        throw StringsError(source + ": expected an object of key -> text");
    }
    std::array<std::string, Strings::kCount> texts;
    for (std::size_t i = 0; i < Strings::kCount; ++i) {
        std::string key(kKeyNames[i]);
        auto found = document.find(key);
        if (found == document.end()) {
            throw StringsError(source + ": missing text for key '" + key + "'");
        }
        if (!found->is_string() || found->get<std::string>().empty()) {
            throw StringsError(source + ": key '" + key + "' must be a non-empty string");
        }
        std::string text = found->get<std::string>();
        if (!is_valid_utf8(text)) {
            throw StringsError(source + ": key '" + key + "' is not valid UTF-8");
        }
        texts[i] = to_nfc(text);
    }
    for (const auto& item : document.items()) {
        bool known = false;
        for (std::string_view name : kKeyNames) {
            known = known || name == item.key();
        }
        if (!known) {
            throw StringsError(source + ": unknown key '" + item.key() + "'");
        }
    }
    return texts;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw StringsError(path.string() + ": cannot open the strings file");
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

Strings Strings::load(const std::filesystem::path& dir) {
    std::filesystem::path vi = dir / "vi.json";
    std::filesystem::path en = dir / "en.json";
    Strings strings;
    strings.vi_ = parse_language(read_file(vi), vi.string());
    strings.en_ = parse_language(read_file(en), en.string());
    return strings;
}

Strings Strings::parse(const std::string& vi_json, const std::string& en_json,
                       const std::string& source) {
    Strings strings;
    strings.vi_ = parse_language(vi_json, source + " (vi)");
    strings.en_ = parse_language(en_json, source + " (en)");
    return strings;
}

const std::string& Strings::get(Str key, Language language) const {
    std::size_t index = static_cast<std::size_t>(key);
    return language == Language::en ? en_[index] : vi_[index];
}

std::string Strings::format(
    Str key, Language language,
    std::initializer_list<std::pair<std::string_view, std::string>> values) const {
    std::string text = get(key, language);
    for (const auto& [name, value] : values) {
        std::string placeholder = "{" + std::string(name) + "}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + value.size())) {
            text.replace(at, placeholder.size(), value);
        }
    }
    return text;
}

std::vector<std::string_view> Strings::all() const {
    std::vector<std::string_view> texts;
    for (const std::string& text : vi_) {
        texts.push_back(text);
    }
    for (const std::string& text : en_) {
        texts.push_back(text);
    }
    return texts;
}

std::string_view Strings::key_name(Str key) {
    return kKeyNames[static_cast<std::size_t>(key)];
}

}  // namespace motcua::kiosk::ui
