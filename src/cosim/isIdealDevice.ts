import type { DeviceModel } from '../devices/DeviceModel.js';

/**
 * Whether a device realises weights exactly: continuous conductance (no
 * levels), no device-to-device or cycle-to-cycle variation, no read noise and
 * no stuck-at faults (the `ideal` preset).
 */
export function isIdealDevice(device: DeviceModel): boolean {
  return (
    !Number.isFinite(device.levelCount) &&
    device.deviceToDevice.sigma === 0 &&
    device.writeCycleToCycleSigma === 0 &&
    device.readNoiseSigma === 0 &&
    device.stuckAtHrsRate === 0 &&
    device.stuckAtLrsRate === 0
  );
}
