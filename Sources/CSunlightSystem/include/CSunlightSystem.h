#ifndef C_SUNLIGHT_SYSTEM_H
#define C_SUNLIGHT_SYSTEM_H

/// Asks the kernel to start writing back the dirty pages of the open file `fd`, without
/// waiting for the writes to finish or flushing the device's cache (Linux `sync_file_range`
/// with `SYNC_FILE_RANGE_WRITE`; Glibc's Swift module does not export it). Returns 0 on
/// success, -1 with errno set on failure; where the call does not exist it does nothing and
/// returns -1 with errno ENOSYS.
int sunlight_start_writeback(int fd);

/// Whether `sunlight_start_writeback` can do anything on this system.
int sunlight_start_writeback_supported(void);

#endif
