-- The profile store's first schema. Portable SQL: the same file migrates SQLite and PostgreSQL.
-- A profile is keyed by the device class (SoC and knob tables: DeviceInfo.identity), the model's hash, the
-- request trace and the input size; each device (a board, a phone) keeps its own rows under it,
-- so board-to-board differences stay, and a fleet profile is pooled from them when read.

-- Every device that wrote to the store.
CREATE TABLE device (
    device_id     VARCHAR(300)  NOT NULL PRIMARY KEY,
    device_class  VARCHAR(300)  NOT NULL,
    description   VARCHAR(1000) NOT NULL,
    first_seen_ms BIGINT        NOT NULL,
    last_seen_ms  BIGINT        NOT NULL
);

-- What a device measured at one configuration (an arm), as sums over its measurement windows: each window
-- adds 1 to windows and its per-inference values to the sums, in one atomic upsert.
CREATE TABLE arm_window_sums (
    device_class                  VARCHAR(300)     NOT NULL,
    model_hash                    VARCHAR(200)     NOT NULL,
    trace                         VARCHAR(300)     NOT NULL,
    input_size                    INTEGER          NOT NULL,
    device_id                     VARCHAR(300)     NOT NULL,
    configuration                 VARCHAR(2000)    NOT NULL,
    traffic                       VARCHAR(20)      NOT NULL, -- closed-loop or open-loop, as the last window saw
    windows                       BIGINT           NOT NULL,
    inferences                    BIGINT           NOT NULL,
    energy_per_inference_j_sum    DOUBLE PRECISION NOT NULL,
    energy_per_inference_j_sq_sum DOUBLE PRECISION NOT NULL,
    time_per_inference_s_sum      DOUBLE PRECISION NOT NULL,
    latency_p95_s_sum             DOUBLE PRECISION NOT NULL,
    updated_ms                    BIGINT           NOT NULL,
    PRIMARY KEY (device_class, model_hash, trace, input_size, device_id, configuration)
);

-- A device's model of each configuration: a BO warm start's predictions, or an imported JSON profile.
CREATE TABLE prediction (
    device_class           VARCHAR(300)     NOT NULL,
    model_hash             VARCHAR(200)     NOT NULL,
    trace                  VARCHAR(300)     NOT NULL,
    input_size             INTEGER          NOT NULL,
    device_id              VARCHAR(300)     NOT NULL,
    configuration          VARCHAR(2000)    NOT NULL,
    traffic                VARCHAR(20)      NOT NULL, -- closed-loop or open-loop: it decides the cost
    energy_per_inference_j DOUBLE PRECISION NOT NULL,
    time_per_inference_s   DOUBLE PRECISION NOT NULL,
    latency_p95_s          DOUBLE PRECISION NOT NULL,
    samples                INTEGER          NOT NULL,
    source                 VARCHAR(300)     NOT NULL,
    updated_ms             BIGINT           NOT NULL,
    PRIMARY KEY (device_class, model_hash, trace, input_size, device_id, configuration)
);

-- JSON profile files of earlier versions already imported (each is imported once).
CREATE TABLE imported_json (
    file_name   VARCHAR(500) NOT NULL PRIMARY KEY,
    imported_ms BIGINT       NOT NULL
);
