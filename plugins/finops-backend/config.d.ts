import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the FinOps backend plugin. */
  finops?: {
    /**
     * Which FOCUS cost column every amount is read from: `EffectiveCost`
     * (amortized: commitments spread over usage, the default) or `BilledCost`
     * (the invoice view). Taxes, credits and adjustments count in both.
     */
    costMetric?: 'EffectiveCost' | 'BilledCost';

    /** Billing data sources imported on a schedule. */
    sources?: Array<{
      /** Unique id; imported data is stored per source. Letters, digits, `_`, `.`, `-`. */
      id: string;
      /**
       * `focus-directory` (built in): every `*.csv` and `*.csv.gz` below
       * `path`. Other types are read by backend modules, which document
       * their own keys (`aws-cost-explorer`: the AWS module); the backend
       * does not start when no installed module reads an entry.
       */
      type: string;
      /** `focus-directory`: the directory to scan, absolute or relative to the backend's working directory. */
      path?: string;
      /**
       * How often to look for new, changed or removed files; default every 30
       * minutes. Changed files are read with the unchanged ones sharing their
       * billing periods; the rest is not read again.
       */
      frequency?: HumanDuration;
      /**
       * The whole schedule of the source's import task, in Backstage's task
       * schedule form (`frequency` — a duration, `{ cron: '0 6 * * *' }` or
       * `{ trigger: 'manual' }` — with `timeout`, `initialDelay`, `scope`);
       * replaces `frequency`. Default: `frequency`, a 2-hour timeout, 20 s initial delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    }>;

    /** How cost reaches catalog entities. */
    attribution?: {
      /**
       * Rules in the order they are tried; the first that matches decides.
       * Default: entityTagKey, costTagsAnnotation, cloudAccountsAnnotation, ownerTagKey.
       */
      rules?: Array<
        | 'entityTagKey'
        | 'costTagsAnnotation'
        | 'cloudAccountsAnnotation'
        | 'ownerTagKey'
      >;
      /**
       * Tag keys whose value names a catalog entity (its name,
       * case-insensitive, or a full entity ref). Default:
       * `[backstage.io/component, service, application]`.
       */
      entityTagKeys?: string[];
      /** Kinds an entity tag may name, preferred in this order. Default: `[Component, Resource, System]`. */
      entityKinds?: string[];
      /** Tag keys whose value names a Group. Default: `[team, owner]`. */
      ownerTagKeys?: string[];
      /**
       * How often attribution is recomputed from the catalog; default every 5
       * minutes. The frequency of `schedules.catalogSnapshot` and `schedules.reattribution`.
       */
      refreshFrequency?: HumanDuration;
    };

    /**
     * Schedules of the plugin's own jobs, in Backstage's task schedule form
     * (`frequency`, `timeout`, `initialDelay`, `scope`); each replaces its default.
     */
    schedules?: {
      /** Fails imports whose process died; default every minute, 1-minute timeout. */
      abandonedImportSweep?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Each instance's reload of its catalog snapshot (a local task); default
       * every `attribution.refreshFrequency`, 10-minute timeout, 10 s initial delay.
       */
      catalogSnapshot?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Re-attribution of stored cost to the current catalog (one instance at a
       * time); default every `attribution.refreshFrequency`, 10-minute timeout, 15 s initial delay.
       */
      reattribution?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The operate evaluation (anomaly detection, budget status, kept
       * forecasts, alerts), which also runs after each import; default every
       * 24 hours, 30-minute timeout, 1-minute initial delay.
       */
      evaluation?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /** Cost anomaly detection (see the README's Anomalies). */
    anomalies?: {
      /**
       * The least impact (actual − expected) of an anomaly, in the entity's
       * currency, so that a $2 blip on a $4 service is not one. Default 50.
       */
      absoluteThreshold?: number | string;
      /** The least impact as a share of the expected amount; default 0.2 (20 %). */
      relativeThreshold?: number;
      /** The least impact in robust σ of the entity's own day-to-day noise; default 4. */
      noiseThreshold?: number;
      /**
       * Days up to the data's last complete day that each evaluation judges
       * again, so restated data is judged anew; default 90.
       */
      evaluationDays?: number;
    };

    /** Alerts to the owning team through the Backstage notifications system. */
    alerts?: {
      /** Default true; false keeps detecting and listing without notifying. */
      enabled?: boolean;
      /**
       * Anomalies older than this many days before the data's last complete
       * day are listed but not alerted (the first evaluation of a year of
       * history sends no year of alerts). Default 7.
       */
      anomalyMaxAgeDays?: number;
      /** A weekly digest per team: total, change, biggest movers, budget status, open anomalies. */
      weeklyDigest?: {
        /** Default false. */
        enabled?: boolean;
        /** When it is sent; default Mondays at 08:00 (`{ cron: '0 8 * * 1' }`), 30-minute timeout. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };

    /** Limits on uploaded billing files. */
    uploads?: {
      /** Largest accepted upload in bytes (413 beyond); default 2 GiB. */
      maxBytes?: number;
      /** Uploads one backend instance holds queued or running at once (429 beyond); default 4. */
      maxPending?: number;
    };

    /** Import bookkeeping. */
    imports?: {
      /**
       * A queued or running import without a sign of life for this long is
       * failed: its process died (imports beat every 10 seconds). Default 2 minutes.
       */
      staleAfter?: HumanDuration;
      /**
       * Heap limit in MB of the worker thread that reads and sums a FOCUS
       * file; an input that needs more fails its import with a message
       * saying so, and the backend stays up. Default 256.
       */
      workerHeapMb?: number;
    };

    /** The organisation overview's movers. */
    movers?: {
      /**
       * The least an entity must cost in the current or the previous period
       * to be listed among the movers, in the overview's currency, so that a
       * $3 → $9 change does not lead the list. Default 100.
       */
      minimumAmount?: number | string;
    };

    /** How fresh cost data is said to be. */
    freshness?: {
      /**
       * How many of the last days with data (through `dataThrough`) may still
       * change as late charges arrive; `/costs` and `/coverage` mark them, and
       * the Cost tab says so. A whole number from 0 to 366; default 2.
       */
      settleDays?: number;
    };
  };
}
