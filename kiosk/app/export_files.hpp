#pragma once
// What every export from the staff screens shares (the period report's CSV and XLSX, the audit
// log's CSV): the folders offered (the default folder beside the database and the USB sticks
// mounted under /media), and writing a file whole or not at all.

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/flow/staff_reports.hpp"

namespace motcua::kiosk::app {

// The default folder first, then every folder under `media_root` and `media_root`/<user>/
// (desktop systems mount sticks at /media/<user>/<label>, kiosk setups at /media/<label>).
std::vector<ExportFolder> list_export_folders(const std::filesystem::path& default_folder,
                                              const std::filesystem::path& media_root);

// True when `folder` exists as a folder, after creating it if it is the default folder.
bool prepare_export_folder(const std::filesystem::path& folder,
                           const std::filesystem::path& default_folder);

// Writes beside the target as "<name>.part", then renames, so a stick pulled out mid-write
// never holds half a file under the final name. False (and nothing left behind) when the
// folder refuses it.
bool write_whole_file(const std::filesystem::path& path, const std::string& content);

}  // namespace motcua::kiosk::app
