import { recoveryWindowDaysFor } from "../secrets/app-secrets";

/**
 * Every default `ContainerWebApp` decides by its profile, in one place: one typed object per
 * profile. A prop the user gives always wins; these are only what an unset prop becomes.
 */
export interface ProfileDefaults {
  /**
   * Production's rules apply: a domain (or a CDN) for HTTPS, no NAT instance, no public task IPs,
   * an origin-verify secret for a public origin, `usEast1Provider` for a CDN outside us-east-1;
   * modules are told (`isProduction`) to apply their production defaults.
   */
  readonly production: boolean;
  /** Days the app's, database's and admin task's log groups keep events. */
  readonly logRetentionDays: number;
  /** Days the VPC flow logs are kept. */
  readonly flowLogRetentionDays: number;
  /** Customer-managed KMS keys for logs, the database, the cache and the edge's logs. */
  readonly customerManagedKeys: boolean;
  /** `prevent_destroy` on stateful resources and secrets, deletion protection on the database and load balancer. */
  readonly preventDestroy: boolean;
  /** Buckets and the image repository are emptied on destroy (an environment re-created the same day). */
  readonly forceDestroy: boolean;
  /** Days a deleted secret can be restored (0: its name is reusable at once). */
  readonly secretRecoveryWindowDays: number;
  /** Compute and cache alarms to the alarm topics (the database's are always on). */
  readonly serviceAlarms: boolean;
  /** Database: a standby in a second zone, enhanced monitoring. */
  readonly database: { readonly multiAz: boolean; readonly enhancedMonitoringIntervalSeconds: number };
  /** Web tasks (Fargate): size, bounds, Spot, load-balancer access logs. */
  readonly web: {
    readonly cpu: number;
    readonly memoryMiB: number;
    readonly minCapacity: number;
    readonly maxCapacity: number;
    readonly spot: boolean;
    readonly loadBalancerAccessLogs: boolean;
  };
  /** Workers run on Fargate Spot. */
  readonly workerSpot: boolean;
  /** CDN: WAF and access logs (where `usEast1Provider` allows), origin verification, alarms. */
  readonly cdn: { readonly webAcl: boolean; readonly accessLogs: boolean; readonly requireOriginVerification: boolean };
  /** Tier of the policy rules checked at synth. */
  readonly policyTier: "production" | "baseline";
  /** The profile's deliberate omissions are accepted policy findings, not warnings. */
  readonly acceptsNonProductionChoices: boolean;
}

/** The two profiles, side by side. */
export const PROFILES: Readonly<Record<"production" | "non-production", ProfileDefaults>> = {
  production: {
    production: true,
    logRetentionDays: 365,
    flowLogRetentionDays: 365,
    customerManagedKeys: true,
    preventDestroy: true,
    forceDestroy: false,
    secretRecoveryWindowDays: recoveryWindowDaysFor("production"),
    serviceAlarms: true,
    database: { multiAz: true, enhancedMonitoringIntervalSeconds: 60 },
    web: { cpu: 512, memoryMiB: 1024, minCapacity: 2, maxCapacity: 10, spot: false, loadBalancerAccessLogs: true },
    workerSpot: false,
    cdn: { webAcl: true, accessLogs: true, requireOriginVerification: true },
    policyTier: "production",
    acceptsNonProductionChoices: false,
  },
  "non-production": {
    production: false,
    logRetentionDays: 30,
    flowLogRetentionDays: 90,
    customerManagedKeys: false,
    preventDestroy: false,
    forceDestroy: true,
    secretRecoveryWindowDays: recoveryWindowDaysFor("non-production"),
    serviceAlarms: false,
    database: { multiAz: false, enhancedMonitoringIntervalSeconds: 0 },
    web: { cpu: 256, memoryMiB: 512, minCapacity: 1, maxCapacity: 2, spot: true, loadBalancerAccessLogs: false },
    workerSpot: true,
    cdn: { webAcl: false, accessLogs: false, requireOriginVerification: false },
    policyTier: "baseline",
    acceptsNonProductionChoices: true,
  },
};
