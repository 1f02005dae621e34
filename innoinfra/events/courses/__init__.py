"""Courses of professional development (курсы повышения квалификации, стажировки — ДПП): the programme's modules,
the final assessment of each participant and the register of удостоверения о повышении квалификации."""
