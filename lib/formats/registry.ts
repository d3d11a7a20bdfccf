// The formats this server speaks: the one list. Each entry is the server half
// of a folder in lib/formats (format-types.ts); its client half is listed,
// under the same id, in registry-client.ts, which client components import.
// The record below is keyed by those ids, so the two cannot drift apart.
import { conda } from './conda/format';
import type { FormatServer } from './format-types';
import { npm } from './npm/format';
import { pypi } from './pypi/format';
import { raw } from './raw/format';
import { FORMAT_IDS, type FormatId } from './registry-client';

const BY_ID: { [Id in FormatId]: FormatServer<Id> } = { raw, pypi, npm, conda };

/** Every format, in the console's order. */
export const FORMATS: readonly FormatServer[] = FORMAT_IDS.map((id) => BY_ID[id]);

/** The format of a repository; undefined for an id this server does not know. */
export const findFormat = (id: string): FormatServer | undefined => FORMATS.find((f) => f.id === id);
