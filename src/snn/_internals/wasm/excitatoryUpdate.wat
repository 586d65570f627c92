;; The E-neuron update of one simulation step (SnnNetwork.updateExcitatory), two
;; neurons at a time in f64x2 lanes. Per neuron j of [lo, hi) (docs/method.md,
;; "Neuron model"), with the values at the start of the step:
;;   θ ← θ·decθ (training only, decθ ≠ 1)
;;   if n − last ≥ refr:
;;     v ← v + dt/τ·((v_rest − v) + g_e(E_exc − v) + g_i(E_inh − v))       (forward Euler)
;;       or, under euler-limited where dt/τ·(1 + g_e + g_i) > 1,
;;     v ← (v_rest + g_e·E_exc + g_i·E_inh)/(1 + g_e + g_i)                 (the step's fixed point v∞)
;;     spike if v > θ + v_th and n − last ≥ timer
;;   g_e ← g_e·dec_e, g_i ← g_i·dec_i, each flushed to +0 below `tiny`
;; Every lane computes the same IEEE operations in the same order as the scalar
;; model, so the results are bit for bit those of the scalar loop (tested). When
;; hi − lo is odd the last pair also computes neuron hi (padding, or a neuron of
;; another partition in a private copy that is never stored back); its spike is
;; not reported. Arrays are byte offsets of f64 arrays in the memory; `spiked`
;; of an i32 array that receives the spiking neurons' indices. Returns their number.
;; Assembled into excitatoryUpdateWasm.ts by scripts/buildWasm.mjs (npm run build:wasm).
(module
  (import "env" "memory" (memory 1))
  (func (export "updateE")
    (param $vE i32) (param $geE i32) (param $giE i32) (param $lastE i32) (param $theta i32) (param $spiked i32)
    (param $lo i32) (param $hi i32) (param $n f64)
    (param $dtTau f64) (param $vTh f64) (param $refr f64) (param $timer f64) (param $decGe f64) (param $decGi f64)
    (param $decTheta f64) (param $limited i32) (param $vRest f64) (param $eExc f64) (param $eInh f64) (param $tiny f64)
    (result i32)
    (local $j i32) (local $o i32) (local $nE i32)
    (local $ge v128) (local $gi v128) (local $v v128) (local $th v128) (local $since v128) (local $act v128)
    (local $s v128) (local $nv v128) (local $ok v128) (local $spk v128) (local $x v128)
    (local $N2 v128) (local $DT v128) (local $VTH v128) (local $REFR v128) (local $TIMER v128) (local $DGE v128) (local $DGI v128)
    (local $DTH v128) (local $ONE v128) (local $VR v128) (local $EE v128) (local $EI v128) (local $TINY v128)
    (local.set $N2 (f64x2.splat (local.get $n)))
    (local.set $DT (f64x2.splat (local.get $dtTau)))
    (local.set $VTH (f64x2.splat (local.get $vTh)))
    (local.set $REFR (f64x2.splat (local.get $refr)))
    (local.set $TIMER (f64x2.splat (local.get $timer)))
    (local.set $DGE (f64x2.splat (local.get $decGe)))
    (local.set $DGI (f64x2.splat (local.get $decGi)))
    (local.set $DTH (f64x2.splat (local.get $decTheta)))
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $VR (f64x2.splat (local.get $vRest)))
    (local.set $EE (f64x2.splat (local.get $eExc)))
    (local.set $EI (f64x2.splat (local.get $eInh)))
    (local.set $TINY (f64x2.splat (local.get $tiny)))
    (local.set $j (local.get $lo))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $hi)))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $ge (v128.load (i32.add (local.get $geE) (local.get $o))))
        (local.set $gi (v128.load (i32.add (local.get $giE) (local.get $o))))
        (local.set $th (v128.load (i32.add (local.get $theta) (local.get $o))))
        (if (f64.ne (local.get $decTheta) (f64.const 1))
          (then
            (local.set $th (f64x2.mul (local.get $th) (local.get $DTH)))
            (v128.store (i32.add (local.get $theta) (local.get $o)) (local.get $th))))
        (local.set $since (f64x2.sub (local.get $N2) (v128.load (i32.add (local.get $lastE) (local.get $o)))))
        (local.set $act (f64x2.ge (local.get $since) (local.get $REFR)))
        (if (v128.any_true (local.get $act))
          (then
            (local.set $v (v128.load (i32.add (local.get $vE) (local.get $o))))
            ;; v + dt*(((vRest - v) + ge*(eExc - v)) + gi*(eInh - v))
            (local.set $nv
              (f64x2.add (local.get $v)
                (f64x2.mul (local.get $DT)
                  (f64x2.add
                    (f64x2.add (f64x2.sub (local.get $VR) (local.get $v))
                               (f64x2.mul (local.get $ge) (f64x2.sub (local.get $EE) (local.get $v))))
                    (f64x2.mul (local.get $gi) (f64x2.sub (local.get $EI) (local.get $v)))))))
            (if (local.get $limited)
              (then
                (local.set $s (f64x2.add (f64x2.add (local.get $ONE) (local.get $ge)) (local.get $gi)))
                (local.set $ok (f64x2.le (f64x2.mul (local.get $DT) (local.get $s)) (local.get $ONE)))
                (if (i32.eqz (i64x2.all_true (local.get $ok)))
                  (then
                    (local.set $x
                      (f64x2.div
                        (f64x2.add (f64x2.add (local.get $VR) (f64x2.mul (local.get $ge) (local.get $EE)))
                                   (f64x2.mul (local.get $gi) (local.get $EI)))
                        (local.get $s)))
                    (local.set $nv (v128.bitselect (local.get $nv) (local.get $x) (local.get $ok)))))))
            (local.set $nv (v128.bitselect (local.get $nv) (local.get $v) (local.get $act)))
            (v128.store (i32.add (local.get $vE) (local.get $o)) (local.get $nv))
            (local.set $spk
              (v128.and (local.get $act)
                (v128.and (f64x2.gt (local.get $nv) (f64x2.add (local.get $th) (local.get $VTH)))
                          (f64x2.ge (local.get $since) (local.get $TIMER)))))
            (if (v128.any_true (local.get $spk))
              (then
                (if (i64.ne (i64x2.extract_lane 0 (local.get $spk)) (i64.const 0))
                  (then
                    (i32.store (i32.add (local.get $spiked) (i32.shl (local.get $nE) (i32.const 2))) (local.get $j))
                    (local.set $nE (i32.add (local.get $nE) (i32.const 1)))))
                (if (i32.and (i64.ne (i64x2.extract_lane 1 (local.get $spk)) (i64.const 0))
                             (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $hi)))
                  (then
                    (i32.store (i32.add (local.get $spiked) (i32.shl (local.get $nE) (i32.const 2))) (i32.add (local.get $j) (i32.const 1)))
                    (local.set $nE (i32.add (local.get $nE) (i32.const 1)))))))))
        (local.set $x (f64x2.mul (local.get $ge) (local.get $DGE)))
        (v128.store (i32.add (local.get $geE) (local.get $o)) (v128.andnot (local.get $x) (f64x2.lt (local.get $x) (local.get $TINY))))
        (local.set $x (f64x2.mul (local.get $gi) (local.get $DGI)))
        (v128.store (i32.add (local.get $giE) (local.get $o)) (v128.andnot (local.get $x) (f64x2.lt (local.get $x) (local.get $TINY))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $next)))
    (local.get $nE))
)
