;; The input→E arrivals of one simulation step (SnnNetwork.deliverPlastic and the
;; exact SynapticDrive), over one partition's entries copied into the kernel's
;; memory. For each arriving delay group k = groups[g] (g < m, in the order
;; arrivingGroups lists them) and each entry e of [gLo[k], gHi[k]):
;;   g_e[col[e]] += w[e]                                       (depressing = 0)
;; or, while pre-synaptic depression is pending (depressing ≠ 0),
;;   g_e[col[e]] += w[e];  w[e] ← max(0, w[e] − dep[col[e]])    (w read before it is lowered)
;; w is Float32 (widened exactly to f64 for the sum; the lowered value is rounded
;; to nearest, as a Float32Array store), col Uint16, g_e and dep f64: the same IEEE
;; operations in the same order as the JavaScript loops, so the same floats.
;; Arrays are byte offsets into the memory. Assembled by scripts/buildWasm.mjs.
(module
  (import "env" "memory" (memory 1))
  (func (export "deliver")
    (param $groups i32) (param $m i32) (param $gLo i32) (param $gHi i32)
    (param $col i32) (param $w i32) (param $ge i32) (param $dep i32) (param $depressing i32)
    (local $g i32) (local $k i32) (local $e i32) (local $end i32) (local $j i32) (local $a i32) (local $wa i32)
    (local $wv f64) (local $nw f64)
    (block $groupsDone
      (loop $eachGroup
        (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $m)))
        (local.set $k (i32.shl (i32.load (i32.add (local.get $groups) (i32.shl (local.get $g) (i32.const 2)))) (i32.const 2)))
        (local.set $e (i32.load (i32.add (local.get $gLo) (local.get $k))))
        (local.set $end (i32.load (i32.add (local.get $gHi) (local.get $k))))
        (if (local.get $depressing)
          (then
            (block $done
              (loop $each
                (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
                (local.set $j (i32.shl (i32.load16_u (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 1)))) (i32.const 3)))
                (local.set $wa (i32.add (local.get $w) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $wv (f64.promote_f32 (f32.load (local.get $wa))))
                (local.set $a (i32.add (local.get $ge) (local.get $j)))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $wv)))
                (local.set $nw (f64.sub (local.get $wv) (f64.load (i32.add (local.get $dep) (local.get $j)))))
                (f32.store (local.get $wa)
                  (f32.demote_f64 (select (local.get $nw) (f64.const 0) (f64.gt (local.get $nw) (f64.const 0)))))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $each))))
          (else
            (block $done
              (loop $each
                (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
                (local.set $a (i32.add (local.get $ge)
                  (i32.shl (i32.load16_u (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 1)))) (i32.const 3))))
                (f64.store (local.get $a)
                  (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load (i32.add (local.get $w) (i32.shl (local.get $e) (i32.const 2)))))))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $each)))))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $eachGroup)))))
