#!/usr/bin/env python3
"""Where the wasm's code goes: function sizes of a release build that keeps its names
(`make bench` builds it: wasm-bindgen --keep-debug, wasm-opt -Oz -g), demangled with
c++filt and grouped by crate and by the app's features, raw and gzipped. Usage:
code_size.py NAMED.wasm"""
import collections
import json
import re
import subprocess
import sys
import zlib


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def functions(path):
    data = open(path, 'rb').read()
    i, imports, bodies, names = 8, 0, [], {}
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        end = i + size
        if sid == 2:  # imports: function indices start after them
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):
                    l, j = leb(data, j)
                    j += l
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imports += 1
                elif kind == 1:
                    j += 1
                    flags = data[j]
                    _, j = leb(data, j + 1)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags = data[j]
                    _, j = leb(data, j + 1)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:  # code
            n, j = leb(data, i)
            for _ in range(n):
                l, j = leb(data, j)
                bodies.append(data[j:j + l])
                j += l
        elif sid == 0:  # the "name" custom section: function names
            l, j = leb(data, i)
            if data[j:j + l] == b'name':
                j += l
                while j < end:
                    sub = data[j]
                    sl, j = leb(data, j + 1)
                    if sub == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            idx, k = leb(data, k)
                            l2, k = leb(data, k)
                            names[idx] = data[k:k + l2].decode('utf8', 'replace')
                            k += l2
                    j += sl
        i = end
    raw = [names.get(k + imports, f'func{k + imports}') for k in range(len(bodies))]
    demangled = subprocess.run(['c++filt', '--format=rust'], input='\n'.join(raw), capture_output=True, text=True).stdout.split('\n')
    return [(body, re.sub(r'\[[0-9a-f]+\]', '', name)) for body, name in zip(bodies, demangled)]


# The shipped wasm's function order (scripts/function-order.mjs), for this build's functions.
ORDER = """
import { readFileSync } from 'node:fs';
import { order, parse } from './scripts/function-order.mjs';
console.log(JSON.stringify([...order(parse(readFileSync(process.argv[1])).bodies)]));
"""


def gzipped(path, bodies):
    """What each function adds to the gzipped code, in the order the build ships: deflate
    flushed after each (which adds a few bytes apiece), scaled to the code gzipped whole."""
    position = json.loads(subprocess.run(['node', '--input-type=module', '-e', ORDER, path], capture_output=True, text=True, check=True).stdout)
    shipped = sorted(range(len(bodies)), key=position.__getitem__)
    stream, cost = zlib.compressobj(9, zlib.DEFLATED, -15), [0] * len(bodies)
    for f in shipped:
        cost[f] = len(stream.compress(bodies[f])) + len(stream.flush(zlib.Z_SYNC_FLUSH))
    whole = len(zlib.compress(b''.join(bodies[f] for f in shipped), 9))
    return [c * whole / sum(cost) for c in cost]


FEATURES = {
    'page shell (App, dashboard: what was inlined into it)': ['ui::__component_app', 'ui::dashboard'],
    'source panel and loading': ['ui::source', 'ui::load', 'ui::use_source_load', 'ui::trust', 'ui::status', 'app::source',
                                 'app::coordinates', 'app::status', 'app::saved', 'ui::use_saved_repositories', 'ui::use_auto_refresh'],
    'engine: catalog, sort, view, format': ['engine::catalog', 'engine::sort', 'engine::view', 'engine::format', 'engine::model',
                                            'engine::key_index', 'engine::natural', 'engine::tag_match', 'engine::export',
                                            'engine::row_set', 'engine::value_set', 'engine::columns'],
    'providers: Katapult, SWR, loader, demo': ['providers::katapult', 'providers::swr', 'providers::loader', 'providers::demo',
                                                'providers::lenient', 'providers::json_text', 'providers::ProviderKind', 'providers::ProviderError',
                                                'providers::Object', 'providers::snippet', 'providers::Provider', 'providers::Page'],
    'grid: rows, pagination, sort by': ['ui::grid', 'app::rows', 'ui::row_buttons', 'ui::grid_state', 'ui::pagination', 'ui::sort_by', 'app::sort_by',
                                        'ui::use_warm_sort_orders'],
    'cleanup plan': ['ui::plan', 'ui::use_cleanup_plan', 'engine::plan', 'app::cleanup'],
    'URL state and config.json': ['app::url_state', 'app::config', 'ui::url', 'ui::app_config'],
    'filters': ['ui::filters', 'ui::choice'],
    'overview charts': ['ui::chart', 'app::overview', 'engine::stats'],
    'details view': ['ui::details', 'app::details'],
    'token gate and HTTP': ['browser::fetch', 'app::host_policy', 'providers::http'],
    'toolbar (export, copy link, refresh)': ['ui::toolbar'],
}


def main():
    funcs = functions(sys.argv[1])
    gz = gzipped(sys.argv[1], [body for body, _ in funcs])
    total = sum(len(body) for body, _ in funcs)
    by_crate, by_module = collections.Counter(), collections.Counter()
    gz_crate, gz_module = collections.Counter(), collections.Counter()
    for (body, name), packed in zip(funcs, gz):
        m = re.search(r'lading::(\w+)::(\w+)', name)
        if m:
            crate, module = 'lading (with the generic code instantiated for it)', f'{m.group(1)}::{m.group(2)}'
            by_module[module] += len(body)
            gz_module[module] += packed
        else:
            c = re.match(r'[<&\s]*(?:mut\s+|dyn\s+)?(\w+)', name)
            crate = c.group(1) if c else '?'
        by_crate[crate] += len(body)
        gz_crate[crate] += packed
    kb = lambda n: f'{n / 1024:.1f} KB'
    print(f'Code: {kb(total)} in {len(funcs)} functions (wasm-opt -Oz, names kept); {kb(sum(gz))} gzipped (zlib -9) in the '
          'order the build ships (scripts/function-order.mjs). "gzipped": what each part adds to that.\n')
    print('| crate | code | gzipped |\n|---|---|---|')
    for crate, size in by_crate.most_common(10):
        print(f'| {crate} | {kb(size)} | {kb(gz_crate[crate])} |')
    print('\n| feature (the app\'s modules) | code | gzipped |\n|---|---|---|')
    seen = set()
    for feature, modules in FEATURES.items():
        seen.update(modules)
        print(f'| {feature} | {kb(sum(by_module[m] for m in modules))} | {kb(sum(gz_module[m] for m in modules))} |')
    other = [k for k in by_module if k not in seen]
    print(f'| other app modules | {kb(sum(by_module[k] for k in other))} | {kb(sum(gz_module[k] for k in other))} |')


main()
