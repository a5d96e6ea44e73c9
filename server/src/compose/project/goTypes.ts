// What compose-go's types (types/types.go, build.go, envfile.go) decide about printing: the order of
// each struct's fields and the fields left out when they hold their zero value (`omitempty`: false,
// 0, ""; `OptOut` fields such as bind.create_host_path are left out when true, by the printer
// since the model holds them). Both `docker compose config` formats follow them; keys we do not know keep their place after the
// known ones, x- keys last.

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => !!v && typeof v === 'object' && !Array.isArray(v);

const words = (text: string) => text.split(' ');

export const SERVICE_ORDER = words(
  'profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup cpu_count cpu_percent cpu_period ' +
    'cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares command configs container_name credential_spec depends_on deploy ' +
    'device_cgroup_rules devices dns dns_opt dns_search dockerfile domainname entrypoint provider environment env_file expose extends ' +
    'external_links extra_hosts group_add gpus hostname healthcheck image init ipc isolation labels label_file links logging log_driver ' +
    'log_opt mem_limit mem_reservation memswap_limit mem_swappiness mac_address models net network_mode networks oom_kill_disable ' +
    'oom_score_adj pid pids_limit platform ports privileged pull_policy read_only restart runtime scale secrets security_opt shm_size ' +
    'stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver ' +
    'volumes volumes_from working_dir pre_start post_start pre_stop',
);
export const BUILD_ORDER = words(
  'context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels cache_from cache_to no_cache no_cache_filter ' +
    'additional_contexts pull extra_hosts isolation network target secrets shm_size tags ulimits platforms privileged',
);
export const PORT_ORDER = words('name mode host_ip target published protocol app_protocol');
export const VOLUME_MOUNT_ORDER = words('type source target read_only consistency bind volume tmpfs image');
export const DEPENDENCY_ORDER = words('condition restart required');
export const NETWORK_ORDER = words('name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6');
export const VOLUME_ORDER = words('name driver driver_opts external labels');
export const FILE_OBJECT_ORDER = words('name file environment content external labels driver driver_opts template_driver');
export const FILE_REFERENCE_ORDER = words('source target uid gid mode');
export const ENV_FILE_ORDER = words('path required format');
export const RESOURCE_ORDER = words('cpus memory pids devices generic_resources');

/** Service fields of plain Go types (not pointers): false, 0 and "" are not printed. */
export const SERVICE_ZERO_OMITTED = new Set(
  words(
    'cgroup_parent cgroup cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares container_name ' +
      'dockerfile domainname hostname image ipc isolation log_driver mac_address net network_mode oom_kill_disable oom_score_adj pid ' +
      'pids_limit platform privileged pull_policy read_only restart runtime stdin_open stop_signal tty use_api_socket user userns_mode ' +
      'uts volume_driver working_dir',
  ),
);

const isZero = (v: unknown) => v === false || v === 0 || v === '';

/** `value`'s keys in `order`, then the others as they were, x- keys last; `zeroOmitted` fields dropped when zero. */
const orderSets = new WeakMap<readonly string[], Set<string>>();

export function ordered(value: unknown, order: readonly string[], zeroOmitted?: ReadonlySet<string>): Mapping {
  if (!isMapping(value)) return value as Mapping;
  let known = orderSets.get(order);
  if (!known) orderSets.set(order, (known = new Set(order)));
  const out: Mapping = {};
  const keep = (k: string) => !(zeroOmitted?.has(k) && isZero(value[k]));
  for (const k of order) if (k in value && keep(k)) out[k] = value[k];
  for (const k of Object.keys(value)) if (!(k in out) && !k.startsWith('x-') && !known.has(k)) out[k] = value[k];
  for (const k of Object.keys(value)) if (!(k in out) && k.startsWith('x-')) out[k] = value[k];
  return out;
}

const MOUNT_ZERO = new Set(['read_only']);
const DEPENDENCY_ZERO = new Set(['restart']);
const NETWORK_ZERO = new Set(['internal', 'attachable', 'external', 'driver']);
const RESOURCE_ZERO = new Set(['external', 'driver']);

/** A volume mount in field order, `read_only: false` left out. */
export const printedMount = (m: unknown) => ordered(m, VOLUME_MOUNT_ORDER, MOUNT_ZERO);

/**
 * `OptOut` fields (bind.create_host_path) hold true unless written false, and are printed only
 * when false: the value is the typed model's, leaving them out is the printer's job.
 */
export function withoutOptOutDefaults(mount: unknown): unknown {
  if (!isMapping(mount) || !isMapping(mount.bind) || mount.bind.create_host_path !== true) return mount;
  const { create_host_path, ...bind } = mount.bind;
  void create_host_path;
  return { ...mount, bind };
}

export const printedDependency = (d: unknown) => ordered(d, DEPENDENCY_ORDER, DEPENDENCY_ZERO);
export const printedNetwork = (n: unknown) => ordered(n, NETWORK_ORDER, NETWORK_ZERO);
export const printedVolume = (v: unknown) => ordered(v, VOLUME_ORDER, RESOURCE_ZERO);
export const printedFileObject = (o: unknown) => ordered(o, FILE_OBJECT_ORDER, RESOURCE_ZERO);
