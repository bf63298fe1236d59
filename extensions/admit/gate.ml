(* The syntactic admission gate: refuses, before any proof is tried, the
   constructs Frama-C/WP accepts but cannot be trusted on (DESIGN.md §3,
   "Traps WP accepts that the admission gate must refuse itself"), and
   lists what the admission tool needs next: the call graph, the
   extension's writable globals and its functions.

   Run as a Frama-C script (frama-c ... -load-script extensions/admit/gate.ml
   unit.i) on the one preprocessed unit that WP proves and gcc compiles
   (unit.py). It walks Frama-C's normalised AST (Cil), never the text.
   Configuration comes from the environment:
     SPINEL_GATE_ALLOW           comma-separated interface functions the
                                 extension may call
     SPINEL_GATE_INTERFACE_END   the last line of unit.i that the interface
                                 headers fill
     SPINEL_GATE_EXPORTS_END     the last line of the extension's exports
                                 header, whose contracts the definitions may
                                 not extend (= the above if it has none)
   Output on stdout, nothing else (Frama-C's own messages go to stderr):
     GATE-REJECT <file>:<line>: rejected: <words>
     GATE-FUNC <name> <file>:<line>
     GATE-GLOBAL <name>[..]...   one [..] per array dimension: an ACSL
                                 location for the whole object
     GATE-CALL <caller> <callee>
     GATE-INSTALL <interface function> <argument index> <own function>

   What is refused, and where in the AST it shows:
     inline asm              Asm instructions; GAsm globals
     integer -> pointer      CastE to a pointer from an integer or enum, unless
                             the operand is the constant 0 (NULL)
     pointer -> integer      CastE from a pointer to an integer (_Bool allowed)
     pointer -> pointer      CastE between pointers whose pointees differ once
                             their own qualifiers are set aside, void * included
                             (Cil inserts these casts for implicit conversions),
                             or that drop const; not Cil's void * casts of the
                             two sides of a pointer comparison
     unions                  union types declared (GCompTag), or found in the
                             type of a variable, field, cast, sizeof or result
     variadic functions      TFun with "..." declared, defined or called;
                             va_list anywhere in a type
     recursion               cycles (Tarjan's SCCs) of the direct-call graph
                             over the extension's own functions
     VLA and alloca          Frama-C's __fc_vla_alloc initialisers; calls to
                             __builtin_alloca
     function pointers       variables, parameters, results and struct fields
                             of function-pointer type; calls not to a named
                             function; AddrOf a function anywhere but as the
                             argument of an interface call whose formal is a
                             function pointer
     unknown callees         calls to functions neither defined here nor listed
                             in SPINEL_GATE_ALLOW (builtins included)
     foreign declarations    prototypes and externs written outside the interface
                             headers for what the extension does not define
     foreign globals         writes (Set, call results) and any other use of a
                             global the extension does not define (ghosts aside)
     volatile                the qualifier anywhere in those same types
     exported contracts      contract clauses of an exported function written
                             outside its exports header
     backward goto           a goto whose target comes first in statement order
     uninitialised locals    a local declared without an initialiser, or
                             initialised from itself
     unfuelled loops         a Loop whose body does not begin with the call
                             spinel_spend(); (only instructions and tests
                             that leave the loop may come first)
   "The extension" is every line after the interface headers (its exports
   header, its .c files and whatever they include); the interface lines are
   trusted and not read. What C11 and ACSL constructs may be written at all
   is closed.py's, on the same text. *)

open Cil_types

(* Frama-C's messages would otherwise share stdout with the verdict. *)
let () =
  Log.set_output ~isatty:false
    (fun s o l -> output_substring stderr s o l)
    (fun () -> flush stderr)

(* Keep every global, used or not: an unused union or variadic prototype
   is still refused, and the declarations the checks below compare are
   all present. Set before parsing, which happens after scripts load. *)
let () = Rmtmps.keepUnused := true

(* The Variadic plug-in rewrites a variadic function into one taking an
   array of void *, which would hide it from rule 5: read C as written. *)
let () =
  try Dynamic.Parameter.Bool.off "-variadic-translation" ()
  with _ -> ()

(* ---------------------------------------------------------------- *)
(* Configuration *)

let env_list name default =
  let v = match Sys.getenv_opt name with Some v -> v | None -> default in
  List.filter (fun s -> s <> "")
    (List.map String.trim (String.split_on_char ',' v))

(* spinel_spend (ext.h, in every unit's prelude) is the one prelude
   function any extension may call: each loop begins with it. *)
let allowed = Hashtbl.create 17
let () = List.iter (fun f -> Hashtbl.replace allowed f ())
    ("spinel_spend" :: env_list "SPINEL_GATE_ALLOW" "")

let norm p = (Filepath.Normalized.of_string p :> string)

(* Regions of the one preprocessed unit (admit.py's unit.py), by line:
   1 .. SPINEL_GATE_INTERFACE_END are the interface headers the tool
   included first, then up to SPINEL_GATE_EXPORTS_END the extension's
   exports header, then its sources. Lines, never file names: unit.i has
   no line markers, so no #line can claim the kernel's headers. *)
let env_int name =
  match Sys.getenv_opt name with
  | Some v -> (try int_of_string (String.trim v) with _ -> 0)
  | None -> 0

let interface_end = env_int "SPINEL_GATE_INTERFACE_END"
let exports_end = max interface_end (env_int "SPINEL_GATE_EXPORTS_END")
let has_exports = exports_end > interface_end

(* ---------------------------------------------------------------- *)
(* Files and locations *)

let path_of_pos (p : Filepath.position) = (p.Filepath.pos_path :> string)
let path_of_loc ((p, _) : location) = path_of_pos p
let line_of_loc ((p, _) : location) = p.Filepath.pos_lnum

let loc_known loc = path_of_loc loc <> "" && line_of_loc loc > 0

(* The unit is the one file given; anything else (Frama-C's synthetic
   declarations) has no line in it. *)
let in_unit loc = loc_known loc

let is_interface_loc loc = in_unit loc && line_of_loc loc <= interface_end
let is_exports_loc loc =
  in_unit loc && line_of_loc loc > interface_end && line_of_loc loc <= exports_end
let is_source_loc loc = in_unit loc && line_of_loc loc > exports_end

(* Code the extension wrote: its exports header and its sources, with
   whatever they include themselves. *)
let is_own_loc loc = in_unit loc && not (is_interface_loc loc)

(* Type and prototype declarations are checked there too. *)
let is_ext_source loc = is_own_loc loc

let display_path path = path

(* ---------------------------------------------------------------- *)
(* Rejects: collected, deduplicated, printed in source order. *)

let rejects = Hashtbl.create 17   (* (path, line, words) -> seq *)
let seq = ref 0

let reject loc words =
  let key = (path_of_loc loc, line_of_loc loc, words) in
  if not (Hashtbl.mem rejects key) then begin
    incr seq; Hashtbl.replace rejects key !seq
  end

let rejectf loc fmt = Format.kasprintf (reject loc) fmt

(* ---------------------------------------------------------------- *)
(* Types *)

let attr_qual name attrs = Cil.hasAttribute name attrs
let is_const_attrs a = attr_qual "const" a
let is_volatile_attrs a = attr_qual "volatile" a

let qualifiers attrs =
  (if is_const_attrs attrs then "const " else "")
  ^ (if is_volatile_attrs attrs then "volatile " else "")

(* C spelling, qualifiers first: "const char *", "struct a *". *)
let rec pp_type t =
  match t with
  | TVoid a -> qualifiers a ^ "void"
  | TInt (k, a) -> qualifiers a ^ Format.asprintf "%a" Printer.pp_typ (TInt (k, []))
  | TFloat (k, a) -> qualifiers a ^ Format.asprintf "%a" Printer.pp_typ (TFloat (k, []))
  | TNamed (ti, a) -> qualifiers a ^ ti.tname
  | TComp (c, a) ->
    qualifiers a ^ (if c.cstruct then "struct " else "union ") ^ c.cname
  | TEnum (e, a) -> qualifiers a ^ "enum " ^ e.ename
  | TPtr ((TFun _ | TArray _), _) | TFun _ | TArray _ | TBuiltin_va_list _ ->
    Format.asprintf "%a" Printer.pp_typ t
  | TPtr (p, a) ->
    let base = pp_type p in
    let sep = if String.length base > 0 && base.[String.length base - 1] = '*'
      then "*" else " *" in
    base ^ sep ^ (if is_const_attrs a then " const" else "")

let unroll = Cil.unrollType
let type_quals t = Cil.typeAttrs t   (* typeAttrs unrolls typedefs *)

let is_bool t = match unroll t with TInt (IBool, _) -> true | _ -> false
let is_pointer t = match unroll t with TPtr _ -> true | _ -> false
let is_fun_ptr t =
  match unroll t with TPtr (p, _) -> Cil.isFunctionType p | _ -> false

let same_quals a b =
  is_const_attrs (type_quals a) = is_const_attrs (type_quals b)
  && is_volatile_attrs (type_quals a) = is_volatile_attrs (type_quals b)

(* Structural equality up to typedefs; qualifiers compared at every level
   below the top one (the caller decides about the top level). *)
let rec same_type ~top a b =
  (top || same_quals a b) &&
  match unroll a, unroll b with
  | TVoid _, TVoid _ -> true
  | TInt (k1, _), TInt (k2, _) -> k1 = k2
  | TFloat (k1, _), TFloat (k2, _) -> k1 = k2
  | TEnum (e1, _), TEnum (e2, _) -> e1.ename = e2.ename
  | TComp (c1, _), TComp (c2, _) -> c1.ckey = c2.ckey
  | TPtr (p1, _), TPtr (p2, _) -> same_type ~top:false p1 p2
  | TArray (t1, l1, _), TArray (t2, l2, _) ->
    same_type ~top:false t1 t2
    && (try Cil.lenOfArray l1 = Cil.lenOfArray l2
        with _ -> l1 = None && l2 = None)
  | TFun (r1, a1, v1, _), TFun (r2, a2, v2, _) ->
    v1 = v2 && same_type ~top:false r1 r2
    && (match a1, a2 with
        | None, None -> true
        | Some l1, Some l2 ->
          List.length l1 = List.length l2
          && List.for_all2 (fun (_, t1, _) (_, t2, _) -> same_type ~top:true t1 t2) l1 l2
        | _ -> false)
  | TBuiltin_va_list _, TBuiltin_va_list _ -> true
  | _ -> false

type finding = Union of compinfo | Volatile | FunPtr | VaList

(* What a type holds, looking through typedefs, pointers, arrays,
   function types and the fields of structs. Function pointers count only
   where they are the object's own type, not inside a struct's fields: a
   field of a struct the extension defines is checked where the struct is
   defined. *)
let type_findings t =
  let found = ref [] in
  (* Compared by kind and struct key: compinfos are cyclic values. *)
  let key = function
    | Union c -> c.ckey | Volatile -> -1 | FunPtr -> -2 | VaList -> -3 in
  let add f =
    if not (List.exists (fun g -> key g = key f) !found) then found := f :: !found in
  let seen = Hashtbl.create 7 in
  let rec go ~direct t =
    (match t with
     | TVoid a | TInt (_, a) | TFloat (_, a) | TPtr (_, a) | TArray (_, _, a)
     | TFun (_, _, _, a) | TNamed (_, a) | TComp (_, a) | TEnum (_, a)
     | TBuiltin_va_list a -> if is_volatile_attrs a then add Volatile);
    match t with
    | TNamed (ti, _) -> go ~direct ti.ttype
    | TPtr (p, _) ->
      if Cil.isFunctionType p && direct then add FunPtr;
      go ~direct p
    | TArray (e, _, _) -> go ~direct e
    | TFun (r, args, _, _) ->
      go ~direct:false r;
      List.iter (fun (_, at, _) -> go ~direct:false at)
        (match args with Some l -> l | None -> [])
    | TComp (c, _) ->
      if not c.cstruct then add (Union c);
      if not (Hashtbl.mem seen c.ckey) then begin
        Hashtbl.replace seen c.ckey ();
        match c.cfields with
        | Some fs -> List.iter (fun f -> go ~direct:false f.ftype) fs
        | None -> ()
      end
    | TBuiltin_va_list _ -> add VaList
    | TVoid _ | TInt _ | TFloat _ | TEnum _ -> ()
  in
  go ~direct:true t;
  List.rev !found

let union_name c =
  if String.length c.cname >= 6 && String.sub c.cname 0 6 = "__anon"
  then "an anonymous union" else "union " ^ c.cname

let union_words verb c =
  Printf.sprintf "%s a union (WP's memory model cannot see type punning): %s"
    verb (union_name c)

(* Report what a type holds. [what] names the thing whose type it is. *)
let check_type ?(fun_ptr_words = None) loc what t =
  List.iter (function
      | Union c -> reject loc (union_words "uses" c)
      | Volatile -> rejectf loc "uses volatile (in the type of %s)" what
      | VaList -> rejectf loc "uses va_list (in the type of %s)" what
      | FunPtr ->
        (match fun_ptr_words with
         | Some w -> reject loc w
         | None -> ()))
    (type_findings t)

(* ---------------------------------------------------------------- *)
(* What the extension defines *)

let ast = Ast.get

let own_funs = Hashtbl.create 17   (* vid -> () for functions it defines *)
let own_vars = Hashtbl.create 17   (* vid -> () for variables it defines *)

let collect_definitions () =
  List.iter (function
      | GFun (fd, loc) when is_own_loc loc -> Hashtbl.replace own_funs fd.svar.vid ()
      | GVar (v, _, loc) when is_own_loc loc -> Hashtbl.replace own_vars v.vid ()
      | _ -> ())
    (ast ()).globals

let is_own_fun v = Hashtbl.mem own_funs v.vid
let is_own_var v = Hashtbl.mem own_vars v.vid

(* Globals the extension's code names but does not define: their
   declarations must all come from interface headers. *)
let referenced = Hashtbl.create 17   (* vid -> () *)

(* ---------------------------------------------------------------- *)
(* Call graph *)

let edges : (string * string * location) list ref = ref []   (* reversed *)
let note_edge caller callee loc = edges := (caller, callee, loc) :: !edges

(* Each own function passed to an interface call, by call and argument
   position: admit.py checks that the manifest lists it for that role. *)
let installs : (string * int * string) list ref = ref []
let note_install callee i fn =
  if not (List.mem (callee, i, fn) !installs) then installs := (callee, i, fn) :: !installs

(* ---------------------------------------------------------------- *)
(* The walk over the extension's code *)

let builtin_vla_alloc = "__fc_vla_alloc"
let builtin_vla_free = "__fc_vla_free"
let is_alloca name =
  name = "__builtin_alloca" || name = "alloca"
  || name = "__builtin_alloca_with_align"

let is_null_constant e =
  match (Cil.stripCasts e).enode with
  | Const (CInt64 (z, _, _)) -> Integer.is_zero z
  | _ -> false

let fun_formals t =
  match unroll t with
  | TFun (_, Some args, _, _) -> List.map (fun (_, at, _) -> at) args
  | _ -> []

(* Also the Variadic plug-in's translation of "...", should it have run. *)
let is_variadic_type t =
  match unroll t with
  | TFun (_, _, true, _) -> true
  | TFun (_, Some args, false, _) ->
    List.exists (fun (n, _, _) -> n = "__va_params") args
  | _ -> false

(* Rule: every loop's body begins with spinel_spend(): before it come
   only instructions and tests that leave the loop (Cil's own loop test, a
   written `if (c) break;`). Every path from the loop's head back to it
   (the end of the body, a continue, a forward goto; backward gotos and
   recursion are refused) then passes the call, so each iteration spends
   one unit of the ghost fuel, and WP must prove the fuel never runs out:
   an admitted entry point makes at most its bound of iterations. *)
let spend_fn = "spinel_spend"

(* A statement that either falls through or leaves the loop: the loop's
   test as Cil lays it out (a && b is nested ifs; a call in the test is an
   instruction before it), a written `if (c) break;`. *)
let rec falls_or_breaks (s : stmt) =
  match s.skind with
  | Break _ | Instr _ -> true
  | Block b -> List.for_all falls_or_breaks b.bstmts
  | If (_, t, e, _) -> List.for_all falls_or_breaks t.bstmts && List.for_all falls_or_breaks e.bstmts
  | _ -> false

(* Some true: the call comes first; Some false: something else does;
   None: the statements end before either. *)
let rec spends_first (stmts : stmt list) =
  match stmts with
  | [] -> None
  | s :: rest ->
    match s.skind with
    | Instr (Call (None, { enode = Lval (Var f, NoOffset); _ }, [], _))
      when f.vname = spend_fn -> Some true
    | Block b ->
      (match spends_first b.bstmts with None -> spends_first rest | r -> r)
    | _ when falls_or_breaks s -> spends_first rest
    | _ -> Some false

let check_loop_fuel loc (body : block) =
  if spends_first body.bstmts <> Some true then
    rejectf loc "a loop that does not begin with %s(): each iteration must \
                 spend one unit of fuel, so that its run time is proved bounded \
                 (extensions/README.md, \"Bounded time\")" spend_fn

class gate_visitor = object (self)
  inherit Visitor.frama_c_inplace

  val mutable fname = ""                   (* function being walked *)
  val mutable here = Cil_datatype.Location.unknown
  val mutable blessed : exp list = []      (* handler/guard arguments *)
  val mutable compared : exp list = []     (* Cil's casts for a comparison *)
  val mutable order = 0                    (* preorder index of statements *)
  val stmt_order : (int, int) Hashtbl.t = Hashtbl.create 17
  val mutable gotos : (stmt * stmt * location) list = []
  val written : (string * int * int, unit) Hashtbl.t = Hashtbl.create 7

  val mutable initialized : int list = []  (* locals with an initialiser *)
  method set_function name = fname <- name; gotos <- []; initialized <- []

  (* Rule: every local is initialised where it is declared (a VLA aside:
     refused anyway), and not from itself. Uninitialised reads are then
     impossible: globals are zeroed, and no pointer can reach a local's
     bytes before its declaration has run. *)
  method check_initialized (fd : fundec) =
    List.iter (fun v ->
        if not v.vtemp && not (String.starts_with ~prefix:"__" v.vname)
           && not (List.mem v.vid initialized) then
          rejectf v.vdecl "declares %s without initialising it: every local is \
                           initialised where it is declared (no read of an \
                           uninitialised value can then happen)" v.vname)
      fd.slocals
  method set_here loc = here <- loc

  method private loc_of (e : exp) = if loc_known e.eloc then e.eloc else here

  (* goto: backward when its target comes first in the source. *)
  method check_gotos =
    List.iter (fun (g, target, loc) ->
        let ig = Hashtbl.find_opt stmt_order g.sid
        and it = Hashtbl.find_opt stmt_order target.sid in
        match ig, it with
        | Some ig, Some it when it <= ig ->
          let label = List.fold_left (fun acc l -> match l with
              | Label (n, _, true) -> Some n | _ -> acc) None target.labels in
          rejectf loc "goto backwards (WP cannot handle it)%s"
            (match label with Some n -> ": to label " ^ n | None -> "")
        | _ -> ())
      gotos

  method! vstmt_aux s =
    order <- order + 1;
    Hashtbl.replace stmt_order s.sid order;
    here <- Cil_datatype.Stmt.loc s;
    (match s.skind with
     | Goto (target, loc) -> gotos <- (s, !target, loc) :: gotos
     | Loop (_, body, loc, _, _) -> check_loop_fuel loc body
     | _ -> ());
    Cil.DoChildren

  (* A call, from a Call instruction or an initialisation by a call. *)
  method private call loc (callee : exp) (args : exp list) =
    match callee.enode with
    | Lval (Var f, NoOffset) when Cil.isFunctionType f.vtype ->
      note_edge fname f.vname loc;
      if not (is_own_fun f) then Hashtbl.replace referenced f.vid ();
      if f.vname = builtin_vla_alloc || f.vname = builtin_vla_free then ()
      else if is_alloca f.vname then
        rejectf loc "uses alloca (%s): a stack allocation of unproved size" f.vname
      else begin
        if is_variadic_type f.vtype then
          rejectf loc "calls variadic function %s" f.vname;
        if not (is_own_fun f) then begin
          (* A handler or guard passed by name where the interface takes
             a function pointer: the one allowed use of a function's
             address. (Also when the call itself is refused, which says
             enough.) *)
          let formals = fun_formals f.vtype in
          (* Counted among the function-pointer parameters only: the
             first is a handler, the second a guard, wherever they sit
             (syscall_install takes its number first). *)
          let nth_fun = ref 0 in
          List.iteri (fun i a ->
              match List.nth_opt formals i with
              | Some ft when is_fun_ptr ft ->
                let k = !nth_fun in
                incr nth_fun;
                (match (Cil.stripCasts a).enode with
                 | AddrOf (Var g, NoOffset) when is_own_fun g ->
                   blessed <- Cil.stripCasts a :: blessed;
                   note_install f.vname k g.vname
                 | _ -> ())
              | _ -> ())
            args;
          if not (Hashtbl.mem allowed f.vname) then
            rejectf loc "calls %s, which no imported interface declares" f.vname
        end
      end
    | _ ->
      ignore args;
      reject loc "calls through a function pointer"

  method private write loc (lv : lval) =
    match fst lv with
    | Var v when v.vglob && not (Cil.isFunctionType v.vtype) && not (is_own_var v) ->
      Hashtbl.replace written (path_of_loc loc, line_of_loc loc, v.vid) ();
      Hashtbl.replace referenced v.vid ();
      rejectf loc "writes %s, which it does not own" v.vname
    | _ -> ()

  method! vinst i =
    let loc = Cil_datatype.Instr.loc i in
    here <- loc;
    (match i with
     | Asm _ -> reject loc "uses inline assembly"
     | Set (lv, _, _) -> self#write loc lv
     | Call (_, { enode = Lval (Var f, NoOffset); _ }, _, _)
       when f.vname = builtin_vla_free -> ()
     | Call (lvo, callee, args, _) ->
       (match lvo with Some lv -> self#write loc lv | None -> ());
       self#call loc callee args
     | Local_init (v, ConsInit (f, args, _), _) ->
       initialized <- v.vid :: initialized;
       if f.vname = builtin_vla_alloc then
         rejectf loc "declares a variable-length array %s" v.vname;
       self#call loc (Cil.evar f) args
     | Local_init (v, AssignInit init, _) ->
       initialized <- v.vid :: initialized;
       let mentions = ref false in
       let finder = object
         inherit Visitor.frama_c_inplace
         method! vvrbl u = if u.vid = v.vid then mentions := true; Cil.SkipChildren
       end in
       ignore (Visitor.visitFramacInit finder v NoOffset init);
       if !mentions then
         rejectf loc "initialises %s from itself: it reads an uninitialised value" v.vname
     | Skip _ | Code_annot _ -> ());
    match i with
    | Call (_, { enode = Lval (Var f, NoOffset); _ }, _, _)
      when f.vname = builtin_vla_free ->
      Cil.SkipChildren      (* Frama-C's own, releasing a VLA refused above *)
    | _ -> Cil.DoChildren

  method! vexpr e =
    let loc = self#loc_of e in
    match e.enode with
    | CastE (t, inner) when is_pointer t && is_null_constant inner ->
      check_type loc "a cast" t;
      Cil.SkipChildren                  (* NULL, however spelled *)
    | CastE (t, inner) when List.memq e compared ->
      (* Cil compares pointers to differently qualified types as void *:
         no memory is reached through them. *)
      ignore inner; check_type loc "a cast" t;
      Cil.DoChildren
    | BinOp ((Eq | Ne | Lt | Gt | Le | Ge), a, b, _) ->
      List.iter (fun x -> match x.enode with
          | CastE (t, inner) when Cil.isVoidPtrType t && is_pointer (Cil.typeOf inner) ->
            compared <- x :: compared
          | _ -> ()) [a; b];
      Cil.DoChildren
    | CastE (t, inner) ->
      check_type loc "a cast" t;
      let src = Cil.typeOf inner in
      (match unroll t, unroll src with
       | TPtr _, (TInt _ | TEnum _) -> reject loc "casts an integer to a pointer"
       | (TInt _ | TEnum _), TPtr _ when not (is_bool t) ->
         reject loc "casts a pointer to an integer"
       | TPtr (dst, _), TPtr (srcp, _) ->
         if not (same_type ~top:true dst srcp) then
           rejectf loc "casts %s to %s" (pp_type src) (pp_type t)
         else if is_const_attrs (type_quals srcp)
              && not (is_const_attrs (type_quals dst)) then
           rejectf loc "casts %s to %s (drops const)" (pp_type src) (pp_type t)
       | _ -> ());
      Cil.DoChildren
    | AddrOf (Var f, NoOffset) when Cil.isFunctionType f.vtype ->
      if not (List.memq e blessed) then
        rejectf loc "takes the address of function %s other than as a handler \
                     or guard passed to the dispatcher" f.vname;
      Cil.SkipChildren
    | SizeOf t | AlignOf t -> check_type loc "a sizeof" t; Cil.DoChildren
    | _ -> Cil.DoChildren

  method! vlval lv =
    (match fst lv with
     | Var v when v.vglob && not (Cil.isFunctionType v.vtype) && not (is_own_var v) ->
       Hashtbl.replace referenced v.vid ();
       let key = (path_of_loc here, line_of_loc here, v.vid) in
       if not (Hashtbl.mem written key) then
         rejectf here "uses %s, a global it does not own" v.vname
     | _ -> ());
    Cil.DoChildren

  (* Contracts and assertions are WP's: the gate reads code only. *)
  method! vspec _ = Cil.SkipChildren
  method! vcode_annot _ = Cil.SkipChildren
end

(* ---------------------------------------------------------------- *)
(* Checks on the extension's globals *)

let fun_ptr_var_words kind name = Some (Printf.sprintf "declares a function-pointer %s %s" kind name)

let check_local_vars (fd : fundec) =
  List.iter (fun v ->
      check_type v.vdecl ("parameter " ^ v.vname) v.vtype
        ~fun_ptr_words:(fun_ptr_var_words "parameter" (v.vname ^ " of " ^ fd.svar.vname)))
    fd.sformals;
  List.iter (fun v ->
      check_type v.vdecl ("variable " ^ v.vname) v.vtype
        ~fun_ptr_words:(fun_ptr_var_words "variable" v.vname))
    fd.slocals

let check_fun_type loc (v : varinfo) =
  if is_variadic_type v.vtype then
    rejectf loc "declares a variadic function %s" v.vname;
  (match unroll v.vtype with
   | TFun (r, _, _, _) ->
     check_type loc ("the result of " ^ v.vname) r
       ~fun_ptr_words:(Some (Printf.sprintf "declares %s returning a function pointer" v.vname))
   | _ -> ())

let is_missing_proto v =
  Cil.hasAttribute "missingproto" v.vattr
  || Cil.hasAttribute "missingproto" (Cil.typeAttrs v.vtype)

let walk_globals () =
  let vis = new gate_visitor in
  List.iter (fun g ->
      match g with
      | GFun (fd, loc) when is_own_loc loc ->
        vis#set_function fd.svar.vname;
        vis#set_here loc;
        check_fun_type loc fd.svar;
        check_local_vars fd;
        ignore (Visitor.visitFramacFunction (vis :> Visitor.frama_c_visitor) fd);
        vis#check_gotos;
        vis#check_initialized fd
      | GVar (v, _, loc) when is_own_loc loc ->
        check_type loc ("variable " ^ v.vname) v.vtype
          ~fun_ptr_words:(fun_ptr_var_words "variable" v.vname);
        vis#set_function "";
        vis#set_here loc;
        ignore (Visitor.visitFramacGlobal (vis :> Visitor.frama_c_visitor) g)
      | GAsm (_, loc) when is_own_loc loc -> reject loc "uses inline assembly"
      | GCompTag (c, loc) when is_ext_source loc ->
        if not c.cstruct then
          reject loc (union_words "declares" c);
        (match c.cfields with
         | Some fs ->
           List.iter (fun f ->
               let floc = if loc_known f.floc then f.floc else loc in
               check_type floc ("field " ^ f.fname) f.ftype
                 ~fun_ptr_words:(fun_ptr_var_words "field" (c.cname ^ "." ^ f.fname)))
             fs
         | None -> ())
      | GCompTagDecl (c, loc) when is_ext_source loc && not c.cstruct ->
        reject loc (union_words "declares" c)
      | GType (ti, loc) when is_ext_source loc ->
        check_type loc ("type " ^ ti.tname) ti.ttype
      | GFunDecl (_, v, loc) when is_ext_source loc && not (is_missing_proto v) ->
        check_fun_type loc v
      | GVarDecl (v, loc) when is_ext_source loc && not v.vghost ->
        check_type loc ("variable " ^ v.vname) v.vtype
      | _ -> ())
    (ast ()).globals

(* Declarations of what the extension does not define: only interface
   headers may provide them, since Frama-C merges every declaration's
   contract into one. A declaration in the extension's .c files is
   refused outright; one in another header outside the interface
   directories when the extension uses what it declares. Cil keeps one
   declaration per name, so the untyped AST (Cabs, every declaration as
   written, with its location) is where they are counted. *)
let check_declarations () =
  let by_name = Hashtbl.create 97 in
  List.iter (function
      | GFunDecl (_, v, _) | GVarDecl (v, _) | GFun ({ svar = v; _ }, _)
      | GVar (v, _, _) -> Hashtbl.replace by_name v.vname v
      | _ -> ()) (ast ()).globals;
  let declared ghost loc ((name, _, _, _) : Cabs.name) =
    match Hashtbl.find_opt by_name name with
    | Some v when not ghost && not v.vghost && loc_known loc
                  && not (is_interface_loc loc) ->
      let used = Hashtbl.mem referenced v.vid in
      let here = is_source_loc loc || is_exports_loc loc in
      if Cil.isFunctionType v.vtype then begin
        if not (is_own_fun v) && (here || used) then
          rejectf loc "declares %s, a function it does not define, outside the \
                       interface headers" v.vname
      end else if not (is_own_var v) then begin
        if here then
          rejectf loc "declares extern variable %s, which it does not own" v.vname
        else if used then
          rejectf loc "declares %s, a variable it does not define, outside the \
                       interface headers" v.vname
      end
    | _ -> () in
  let rec definition ghost = function
    | Cabs.DECDEF (_, (_, names), loc) ->
      List.iter (fun (nm, _) -> declared ghost loc nm) names
    | Cabs.LINKAGE (_, _, defs) -> List.iter (definition ghost) defs
    | _ -> () in
  List.iter (fun ((_, defs) : Cabs.file) ->
      List.iter (fun (ghost, d) -> definition ghost d) defs)
    (Ast.UntypedFiles.get ())

(* ---------------------------------------------------------------- *)
(* Recursion: strongly connected components of the call graph over the
   extension's own functions (Tarjan). *)

let check_recursion () =
  let own_names = Hashtbl.create 17 in
  List.iter (function
      | GFun (fd, loc) when is_own_loc loc -> Hashtbl.replace own_names fd.svar.vname loc
      | _ -> ()) (ast ()).globals;
  let all_edges = List.rev !edges in
  let own_edges = List.filter (fun (a, b, _) ->
      Hashtbl.mem own_names a && Hashtbl.mem own_names b) all_edges in
  let succ a = List.sort_uniq compare
      (List.filter_map (fun (x, y, _) -> if x = a then Some y else None) own_edges) in
  let site a b = List.find_map (fun (x, y, l) -> if x = a && y = b then Some l else None)
      own_edges in
  let nodes = List.filter_map (function
      | GFun (fd, loc) when is_own_loc loc -> Some fd.svar.vname | _ -> None)
      (ast ()).globals in
  let index = Hashtbl.create 17 and low = Hashtbl.create 17 in
  let on_stack = Hashtbl.create 17 and stack = ref [] and counter = ref 0 in
  let sccs = ref [] in
  let rec strong v =
    Hashtbl.replace index v !counter; Hashtbl.replace low v !counter; incr counter;
    stack := v :: !stack; Hashtbl.replace on_stack v ();
    List.iter (fun w ->
        if not (Hashtbl.mem index w) then begin
          strong w;
          Hashtbl.replace low v (min (Hashtbl.find low v) (Hashtbl.find low w))
        end else if Hashtbl.mem on_stack w then
          Hashtbl.replace low v (min (Hashtbl.find low v) (Hashtbl.find index w)))
      (succ v);
    if Hashtbl.find low v = Hashtbl.find index v then begin
      let rec pop acc = match !stack with
        | w :: rest -> stack := rest; Hashtbl.remove on_stack w;
          if w = v then w :: acc else pop (w :: acc)
        | [] -> acc in
      sccs := pop [] :: !sccs
    end in
  List.iter (fun v -> if not (Hashtbl.mem index v) then strong v) nodes;
  List.iter (fun scc ->
      (* Start from the member defined first; shortest cycle back to it. *)
      let first = List.find (fun n -> List.mem n scc) nodes in
      let self_loop = List.mem first (succ first) in
      if List.length scc > 1 || self_loop then begin
        if self_loop then
          (match site first first with
           | Some l -> rejectf l "recursion: %s calls itself" first
           | None -> ())
        else begin
          (* BFS from first's successors inside the component. *)
          let parent = Hashtbl.create 7 in
          let queue = Queue.create () in
          List.iter (fun w -> if List.mem w scc && not (Hashtbl.mem parent w) then begin
                Hashtbl.replace parent w first; Queue.add w queue end) (succ first);
          let found = ref (Hashtbl.mem parent first) in
          while not !found && not (Queue.is_empty queue) do
            let v = Queue.pop queue in
            List.iter (fun w ->
                if List.mem w scc && not (Hashtbl.mem parent w) then begin
                  Hashtbl.replace parent w v; Queue.add w queue;
                  if w = first then found := true
                end) (succ v)
          done;
          let rec path v acc =
            let p = Hashtbl.find parent v in
            if p = first then first :: v :: acc else path p (v :: acc) in
          let cycle = path first [] in
          let second = List.nth cycle 1 in
          match site first second with
          | Some l -> rejectf l "recursion: %s" (String.concat " -> " cycle)
          | None -> ()
        end
      end)
    (List.rev !sccs)

(* ---------------------------------------------------------------- *)
(* Rule 12: an exported function's contract is its header's. Frama-C
   merges a definition's contract into the header's, so the untyped AST
   (before merging) is read for contracts written outside the header, and
   the merged one for any clause that came from elsewhere. *)

let exports_words name =
  Printf.sprintf "adds its own contract to exported %s; the contract is the header's" name

let check_exports () =
  if has_exports then begin
    let exported = Hashtbl.create 7 in
    List.iter (function
        | GFunDecl (_, v, loc) when is_exports_loc loc && is_own_fun v ->
          Hashtbl.replace exported v.vname v
        | _ -> ()) (ast ()).globals;
    let outside loc = loc_known loc && not (is_exports_loc loc) in
    (* Where each exported function's contract has clauses from outside
       the header; one reject per function, at the first of them. *)
    let found = Hashtbl.create 7 in
    let note name loc =
      if Hashtbl.mem exported name && outside loc then
        Hashtbl.replace found name
          (loc :: (try Hashtbl.find found name with Not_found -> [])) in
    (* Contracts as written, on the definition or on another prototype. *)
    let cabs_name ((n, _, _, _) : Cabs.name) = n in
    let rec definition = function
      | Cabs.FUNDEF (Some (_, sloc), (_, nm), _, _, _) -> note (cabs_name nm) sloc
      | Cabs.DECDEF (Some (_, sloc), (_, names), _) ->
        List.iter (fun (nm, _) -> note (cabs_name nm) sloc) names
      | Cabs.LINKAGE (_, _, defs) -> List.iter definition defs
      | _ -> () in
    List.iter (fun ((_, defs) : Cabs.file) ->
        List.iter (fun (_, d) -> definition d) defs)
      (Ast.UntypedFiles.get ());
    (* The merged contract: every located clause must be the header's. *)
    Hashtbl.iter (fun name v ->
        let kf = Globals.Functions.get v in
        let spec = Annotations.funspec ~populate:false kf in
        let pred ip = ip.ip_content.tp_statement.pred_loc in
        let term it = it.it_content.term_loc in
        let locs = ref [] in
        let add l = locs := l :: !locs in
        List.iter (fun b ->
            List.iter (fun ip -> add (pred ip)) b.b_requires;
            List.iter (fun ip -> add (pred ip)) b.b_assumes;
            List.iter (fun (_, ip) -> add (pred ip)) b.b_post_cond;
            (match b.b_assigns with
             | Writes l -> List.iter (fun (it, deps) ->
                 add (term it);
                 match deps with From d -> List.iter (fun it -> add (term it)) d
                               | FromAny -> ()) l
             | WritesAny -> ());
            (match b.b_allocation with
             | FreeAlloc (a, f) -> List.iter (fun it -> add (term it)) (a @ f)
             | FreeAllocAny -> ());
            List.iter (fun e -> add e.ext_loc) b.b_extended)
          spec.spec_behavior;
        (match spec.spec_terminates with Some ip -> add (pred ip) | None -> ());
        (match spec.spec_variant with Some (t, _) -> add t.term_loc | None -> ());
        List.iter (note name) !locs)
      exported;
    Hashtbl.iter (fun name locs ->
        let rank l = line_of_loc l in
        let first = List.fold_left (fun a l -> if rank l < rank a then l else a)
            (List.hd locs) locs in
        reject first (exports_words name))
      found
  end

(* ---------------------------------------------------------------- *)
(* Output *)

let print_results () =
  let out = Buffer.create 1024 in
  let rs = Hashtbl.fold (fun (p, l, w) s acc -> ((l, s), (p, l, w)) :: acc)
      rejects [] in
  List.iter (fun (_, (p, l, w)) ->
      Buffer.add_string out
        (Printf.sprintf "GATE-REJECT %s:%d: rejected: %s\n" (display_path p) l w))
    (List.sort compare rs);
  List.iter (function
      | GFun (fd, loc) when is_own_loc loc ->
        Buffer.add_string out (Printf.sprintf "GATE-FUNC %s %s:%d\n" fd.svar.vname
                                 (display_path (path_of_loc loc)) (line_of_loc loc))
      | _ -> ()) (ast ()).globals;
  (* A function's static locals are globals to Cil but not file-scope:
     no contract outside the function can name them. *)
  let static_locals = Hashtbl.create 7 in
  List.iter (function
      | GFun (fd, loc) when is_own_loc loc ->
        List.iter (fun v -> Hashtbl.replace static_locals v.vid ())
          (Kernel_function.get_statics (Globals.Functions.get fd.svar))
      | _ -> ()) (ast ()).globals;
  List.iter (function
      | GVar (v, _, loc) when is_own_loc loc && not v.vghost
                              && not (Hashtbl.mem static_locals v.vid) ->
        let t = unroll v.vtype in
        (* const sits on the innermost element of an array of arrays. *)
        let rec innermost t = match unroll t with TArray (e, _, _) -> innermost e | t -> t in
        let const = is_const_attrs (type_quals (innermost t)) in
        (* An array is assignable only element-wise in ACSL: a[..][..]. *)
        let rec dims t = match unroll t with TArray (e, _, _) -> "[..]" ^ dims e | _ -> "" in
        if not const then
          Buffer.add_string out (Printf.sprintf "GATE-GLOBAL %s%s\n" v.vname (dims v.vtype))
      | _ -> ()) (ast ()).globals;
  List.iter (fun (callee, i, fn) ->
      Buffer.add_string out (Printf.sprintf "GATE-INSTALL %s %d %s\n" callee i fn))
    (List.rev !installs);
  let seen = Hashtbl.create 17 in
  List.iter (fun (a, b, _) ->
      if not (Hashtbl.mem seen (a, b)) then begin
        Hashtbl.replace seen (a, b) ();
        Buffer.add_string out (Printf.sprintf "GATE-CALL %s %s\n" a b)
      end) (List.rev !edges);
  print_string (Buffer.contents out);
  flush stdout

let run () =
  collect_definitions ();
  walk_globals ();
  check_declarations ();
  check_recursion ();
  check_exports ();
  print_results ()

let () = Db.Main.extend run
