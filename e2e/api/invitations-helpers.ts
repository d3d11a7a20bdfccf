/**
 * Shapes shared by the invitation specs (invitations-manage, invitations-accept).
 */

import type { z } from 'zod';
import type { Page } from '../../lib/http/pagination';
import type { publicInvitation } from '../../lib/invitations/schema';

export type { Page };
export type PublicInvitation = z.output<typeof publicInvitation>;
