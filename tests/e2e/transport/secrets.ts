// TEST-ONLY SecretStore (the app uses Electron safeStorage, electron/main/secrets.ts): AES-256-GCM under a key
// that lives only in this process's memory, so what the settings file holds is sealed, as in the app, and a
// test can switch it off to see what a PC without system encryption does.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore } from '../../../electron/core/api/shared-database';

export function testSecrets(options: { available?: boolean } = {}): SecretStore {
  const key = randomBytes(32);
  return {
    available: () => options.available ?? true,
    encrypt(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
