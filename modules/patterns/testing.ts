// Fixtures for this folder's tests (not part of the public API).
import { ContainerWebAppProps } from "./container-web-app";

/** A production app on a domain, with the pool size that fits the default database. */
export const PRODUCTION_APP: ContainerWebAppProps = {
  project: "shop",
  environment: "prod",
  profile: "production",
  imageTag: "v1",
  domain: { name: "shop.example.com", hostedZoneId: "Z0123456789ABC" },
  database: { poolSize: 4 },
};
