// electron-builder afterPack hook: flips Electron's hardening fuses in the packaged binary before it is
// signed (electron-builder 25 has no `electronFuses` option; @electron/fuses is Electron's own tool).
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { join } from 'node:path';

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function flipHardeningFuses(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  const exe =
    electronPlatformName === 'darwin' || electronPlatformName === 'mas'
      ? join(appOutDir, `${name}.app`, 'Contents', 'MacOS', name)
      : electronPlatformName === 'win32'
        ? join(appOutDir, `${name}.exe`)
        : join(appOutDir, packager.executableName);
  await flipFuses(exe, {
    version: FuseVersion.V1,
    // Ad-hoc signatures on Apple silicon break when the binary changes; the real signing happens after this.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // electron-builder 25 writes the asar integrity hash on macOS only; elsewhere the check would refuse to start.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: electronPlatformName === 'darwin',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
}
