import type { ColumnType } from "kysely";

/** The roles an API key can carry. */
export type ApiKeyRoleName = "partner" | "brand";

/** `access.api_keys`: one row per issued key; the secret is kept only as its SHA-256. */
export interface ApiKeysTable {
  readonly key_id: string;
  /** SHA-256 of the secret part of the credential (never the secret itself). */
  readonly secret_sha256: Buffer;
  readonly brand_id: string;
  readonly name: string;
  readonly role: ApiKeyRoleName;
  /** Subject of the principal that issued the key. */
  readonly created_by: string;
  readonly created_at: Date;
  readonly expires_at: Date | null;
  readonly revoked_at: ColumnType<Date | null, Date | null | undefined, Date>;
  readonly last_used_at: ColumnType<Date | null, Date | null | undefined, Date>;
}

/** The `access` schema, shared by every service: each verifies keys against it. */
export interface AccessDatabase {
  readonly api_keys: ApiKeysTable;
}

/** The schema holding {@link AccessDatabase}, migrated by whichever process starts first. */
export const accessSchema = "access";
