/** An Emulator over the freshly built bundle (test/global-setup.js builds it before every run). */
import { Emulator, type EmulatorOptions } from '../../emulator/runtime';
import { BUILD_DIR } from './bundles';

export function newEmulator(options: Partial<EmulatorOptions> = {}): Emulator {
  return new Emulator({ buildDir: BUILD_DIR, ...options });
}
