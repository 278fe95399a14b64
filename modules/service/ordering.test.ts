import { describe, expect, it } from "vitest";
import { SynthJson, resource, resources, synth } from "../internal/testing";
import { AUTH_SECRET_ARN, webService, workerService } from "./testing";

/** Addresses (`aws_iam_role_policy.<name>`) of the inline policies on the role whose construct path contains `roleId`. */
function policyAddresses(json: SynthJson, roleId: string): string[] {
  return Object.entries(resources(json, "aws_iam_role_policy"))
    .filter(([, p]) => String(p.role).includes(roleId))
    .map(([name]) => `aws_iam_role_policy.${name}`);
}

describe("ECS service ordering", () => {
  // A grant added after the constructor must still be waited for: the task role's policy is
  // only created by this grant.
  const cases = {
    WebService: synth((s) => webService(s).taskRole.grantReadSecrets([AUTH_SECRET_ARN])),
    WorkerService: synth((s) => workerService(s).taskRole.grantReadSecrets([AUTH_SECRET_ARN])),
  };

  for (const [kind, json] of Object.entries(cases)) {
    it(`${kind} waits for its execution and task roles' policies`, () => {
      const execution = policyAddresses(json, "ExecutionRole");
      const task = policyAddresses(json, "TaskRole");
      expect(execution).toHaveLength(1);
      expect(task).toHaveLength(1);
      expect(resource(json, "aws_ecs_service").depends_on).toEqual(expect.arrayContaining([...execution, ...task]));
    });
  }

  it("lists no task-role policy while the task role has no grants", () => {
    const json = synth((s) => workerService(s));
    expect(policyAddresses(json, "TaskRole")).toEqual([]);
    const dependsOn: string[] = resource(json, "aws_ecs_service").depends_on;
    expect(dependsOn).toEqual(expect.arrayContaining(policyAddresses(json, "ExecutionRole")));
    expect(dependsOn.filter((d) => d.startsWith("aws_iam_role_policy."))).toHaveLength(1);
  });
});
