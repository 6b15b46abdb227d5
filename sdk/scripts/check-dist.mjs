// Fails the build when dist/ still names a package the SDK does not ship: the generated contracts
// are bundled from gen/wire/ (tsup.config.ts), so an import of them left in a bundle or a
// declaration file means gen/wire/ was missing or changing while the build ran.
import { readdirSync, readFileSync } from "node:fs";

const dist = new URL("../dist/", import.meta.url);
const unshipped = /@waybill\/contracts|@bufbuild\/protovalidate/;
const leaks = readdirSync(dist).filter((file) => unshipped.test(readFileSync(new URL(file, dist), "utf8")));
if (leaks.length > 0) {
  console.error(
    `check-dist: ${leaks.join(", ")} import unshipped packages; run \`npm run generate\`, then build again`,
  );
  process.exit(1);
}
