#pragma once
// The kiosk and unit every drill registers on its server and writes into its ratings.

namespace motcua::drills {

inline constexpr const char* kKioskId = "drill-kiosk";
inline constexpr const char* kUnitCode = "000.00.24.H18";

}  // namespace motcua::drills
