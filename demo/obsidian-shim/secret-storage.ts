/**
 * `SecretStorage`: secrets by id, in memory for the page's lifetime (Obsidian keeps them in the
 * OS keychain; the sandbox never writes a secret to disk or to localStorage).
 */
import { Events } from './component';

/** Ids Obsidian accepts: lower-case letters, digits and dashes. */
export const SECRET_ID_PATTERN = /^[a-z0-9-]+$/;

/** In-memory secrets. */
export class SecretStorage extends Events {
  private readonly secrets = new Map<string, string>();

  setSecret(id: string, secret: string): void {
    if (!SECRET_ID_PATTERN.test(id)) throw new Error('A secret id may use lower-case letters, digits and dashes only.');
    this.secrets.set(id, secret);
    this.trigger('change', id);
  }

  getSecret(id: string): string | null {
    return this.secrets.get(id) ?? null;
  }

  listSecrets(): string[] {
    return [...this.secrets.keys()].sort();
  }
}
