import { describe, expect, it } from "vitest";
import { stateAccessStatements, stateIsolationStatements } from "./state-access";

const BUCKET = "arn:aws:s3:::acme-state";

describe("state access", () => {
  it("read: the state object and its lock file, listing only under the key", () => {
    const [list, state, lock] = stateAccessStatements({ bucketArn: BUCKET, key: "shop/dev.tfstate" }, "read");
    expect(list.conditions).toEqual({ StringLike: { "s3:prefix": ["shop/dev.tfstate", "env:/"] } });
    expect(state).toEqual({ sid: "ReadState", actions: ["s3:GetObject"], resources: [`${BUCKET}/shop/dev.tfstate`] });
    expect(lock.resources).toEqual([`${BUCKET}/shop/dev.tfstate.tflock`]);
  });

  it("readWrite: also writes the state, never deletes it", () => {
    const [, state] = stateAccessStatements({ bucketArn: BUCKET, key: "shop/dev.tfstate" }, "readWrite");
    expect(state.actions).toEqual(["s3:GetObject", "s3:PutObject"]);
  });

  it("isolation without an allowed key denies every object of the bucket", () => {
    const [objects] = stateIsolationStatements("Hcp", BUCKET, ["arn:aws:iam::1:role/r"], []);
    expect(objects).toMatchObject({
      sid: "HcpOnlyOwnState",
      effect: "Deny",
      resources: [`${BUCKET}/*`],
      principal: { AWS: ["arn:aws:iam::1:role/r"] },
    });
    expect(objects.notResources).toBeUndefined();
  });
});
