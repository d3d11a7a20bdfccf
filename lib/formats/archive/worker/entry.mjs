// The inspection worker's entry (see ../inspect.ts), plain JS so that Node
// can start it anywhere: under tsx (the native routes) and from Next's
// bundle alike. It loads the TypeScript worker through tsx, which also
// resolves the project's `@/` paths.
import { tsImport } from 'tsx/esm/api';

await tsImport('./main.ts', import.meta.url);
