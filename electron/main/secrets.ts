// The desktop app's SecretStore (core/api/shared-database.ts): Electron safeStorage, which seals with the
// system's own key (Windows DPAPI, macOS Keychain, Linux libsecret/kwallet). Where it has none (a Linux
// without a keyring: safeStorage falls back to a fixed key, which is no protection), it counts as unavailable,
// and the shared database's password is not kept: the desk asks for it each time.
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/api/shared-database';

export const electronSecrets: SecretStore = {
  available() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};
