#include "kiosk/app/export_files.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace motcua::kiosk::app {

namespace {

bool is_folder(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::is_directory(path, error);
}

}  // namespace

std::vector<ExportFolder> list_export_folders(const std::filesystem::path& default_folder,
                                              const std::filesystem::path& media_root) {
    std::vector<ExportFolder> folders;
    folders.push_back({default_folder, default_folder.string(), true});
    std::error_code error;
    std::vector<std::filesystem::path> mounted;
    for (const auto& entry : std::filesystem::directory_iterator(media_root, error)) {
        if (!is_folder(entry.path())) {
            continue;
        }
        bool has_subfolders = false;
        std::error_code inner_error;
        for (const auto& inner : std::filesystem::directory_iterator(entry.path(), inner_error)) {
            if (is_folder(inner.path())) {
                mounted.push_back(inner.path());
                has_subfolders = true;
            }
        }
        if (!has_subfolders) {
            mounted.push_back(entry.path());
        }
    }
    std::sort(mounted.begin(), mounted.end());
    for (const std::filesystem::path& path : mounted) {
        folders.push_back({path, path.filename().string() + " (" + path.string() + ")", false});
    }
    return folders;
}

bool prepare_export_folder(const std::filesystem::path& folder,
                           const std::filesystem::path& default_folder) {
    if (folder == default_folder && !is_folder(folder)) {
        std::error_code error;
        std::filesystem::create_directories(folder, error);
    }
    return is_folder(folder);
}

bool write_whole_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::path temporary = path;
    temporary += ".part";
    bool written = false;
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << content;
        file.flush();
        written = static_cast<bool>(file);
    }
    std::error_code error;
    if (written) {
        std::filesystem::rename(temporary, path, error);
    }
    if (!written || error) {
        std::filesystem::remove(temporary, error);
        return false;
    }
    return true;
}

}  // namespace motcua::kiosk::app
