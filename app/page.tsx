import { redirect } from 'next/navigation';
import { currentUser, hasUsers } from '@/lib/accounts/service';
import { currentActor } from '@/lib/auth/current';

/** The front door: into the console, or to sign-in / the first sign-up. */
export default async function Home() {
  const actor = await currentActor();
  if (actor.user) {
    const me = await currentUser(actor);
    const first = me.orgs[0];
    redirect(first ? `/${first.slug}/repositories` : '/orgs/new');
  }
  redirect((await hasUsers()) ? '/signin' : '/signup');
}
