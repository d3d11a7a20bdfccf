// `npm run build`: the production build, stamped with the sources it was made
// from so `npm start` knows it is current (lib/server/build-stamp.ts).
import { buildIsCurrent, runBuild } from '@/lib/server/build-stamp';

const root = process.cwd();
if (process.argv.includes('--if-stale') && buildIsCurrent(root)) {
  console.log('The build is current.');
} else {
  runBuild(root);
}
