#pragma once
// How report figures are written: fixed decimals for people, the shortest text that reads back
// as exactly the same double for machines (CSV, JSON consumers).

#include <string>

namespace motcua {

// "13.93" for (13.9285, 2). Never "-0.00".
std::string format_fixed(double value, int decimals);
// Shortest round-trip form: "1.6428571428571428", "2", "0.5".
std::string format_exact(double value);

}  // namespace motcua
