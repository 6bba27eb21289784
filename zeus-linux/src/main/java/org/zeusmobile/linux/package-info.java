/**
 * Real hardware through sysfs, on the machine itself ({@link org.zeusmobile.linux.LocalSysFs}) or on a phone
 * over adb ({@link org.zeusmobile.linux.AdbSysFs}).
 *
 * <p>{@link org.zeusmobile.linux.SysfsDevice} discovers knobs (cpufreq policies, KGSL or devfreq GPU, memory
 * and bus devfreq, Jetson EMC), meters (INA3221 in both JetPack layouts, hwmon, RAPL, Pixel ODPM, the battery)
 * and thermal zones under a root directory, pins knobs by the safest means offered, reports clamps as
 * {@link org.zeusmobile.linux.Clamp}s, and journals the originals before the first write so that
 * close, an exception, SIGTERM or (after a hard kill) the next open restores them.
 * {@link org.zeusmobile.linux.LinuxDeviceProvider} ({@code linux}, {@code linux:root=DIR}) and
 * {@link org.zeusmobile.linux.AdbDeviceProvider} ({@code adb}, {@code adb:SERIAL}) open it from a spec;
 * {@link org.zeusmobile.linux.RaplMeters#discover} is reusable on its own.
 */
package org.zeusmobile.linux;
