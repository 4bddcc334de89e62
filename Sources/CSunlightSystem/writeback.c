#ifdef __linux__
#define _GNU_SOURCE
#include <fcntl.h>
#endif
#include <errno.h>
#include "CSunlightSystem.h"

int sunlight_start_writeback(int fd) {
#ifdef __linux__
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    errno = ENOSYS;
    return -1;
#endif
}

int sunlight_start_writeback_supported(void) {
#ifdef __linux__
    return 1;
#else
    return 0;
#endif
}
