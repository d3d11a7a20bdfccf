/**
 * Shapes shared by the organization and member specs (orgs, members).
 */

import type { z } from 'zod';
import type { Page } from '../../lib/http/pagination';
import type { memberView } from '../../lib/orgs/schema';

export type MemberView = z.output<typeof memberView>;
export type { Page };
