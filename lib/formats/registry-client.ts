// The client-safe half of the format registry: every format's console part
// (client-types.ts), in the order the console lists them. lib/formats/registry.ts
// adds each one's server half under the same ids; adding a format is a folder
// and one line in each (docs: "Adding a format").
import type { FormatClient } from './client-types';
import { condaClient } from './conda/client';
import { npmClient } from './npm/client';
import { pypiClient } from './pypi/client';
import { rawClient } from './raw/client';

export const FORMAT_CLIENTS = [rawClient, pypiClient, npmClient, condaClient] as const;

export type FormatId = (typeof FORMAT_CLIENTS)[number]['id'];
export const FORMAT_IDS = FORMAT_CLIENTS.map((f) => f.id) as [FormatId, ...FormatId[]];

export const isFormatId = (id: string): id is FormatId => (FORMAT_IDS as string[]).includes(id);

/** The client part of `id`; raw's for an unknown one (what the console always fell back to). */
export const formatClient = (id: string): FormatClient => FORMAT_CLIENTS.find((f) => f.id === id) ?? rawClient;
