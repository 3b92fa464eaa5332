package logic

import future.keywords.not

a if {
    not {
        not { true }
    }
}
b if {
    not { x := input.v; x > 1 }
    not input.w
}
