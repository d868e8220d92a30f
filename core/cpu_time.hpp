#pragma once
// CPU time, for the figures the kiosk logs and the benches print: the figure that does not
// depend on what else the machine runs.

#include <time.h>

namespace motcua {

// Milliseconds of CPU used by the whole process since it began (all its threads).
inline double process_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Milliseconds of CPU used by the calling thread since it began.
inline double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

}  // namespace motcua
