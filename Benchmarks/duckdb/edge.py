#!/usr/bin/env python3
"""Appends edge cases to a `sunlight demo generate --size small` folder, to probe the places where
rules.md is precise but the demo data is silent (ID upgrade across datasets, account and payee
normalisation, calendar edges, offsets in datetimes, a 0 budget line, payments before a company
existed, a large payment inside a split chain …).

    sunlight demo generate --size small --seed 1 --out edge
    python edge.py edge            # appends rows, writes edge/edge-expected.jsonl
    (import every CSV into a fresh database, then) sunlight scan --format jsonl > edge.jsonl
    python run.py --data edge --sunlight edge.jsonl --diff edge.diff

Each case lists the finding rules.md asks for (expect flag) or forbids (expect clear); run.py's
comparison with Sunlight then shows any disagreement. All names, IDs and codes are made up.
"""
import csv
import json
import os
import sys

WEIGHTS_ID = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS_USCC = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id18(first17):
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS_ID)) % 11]


def person(birth, seq):
    """An 18-digit ID born on birth (YYYYMMDD), region 360499, and its 15-digit legacy form."""
    full = id18(f"360499{birth}{seq:03d}")
    return full, f"360499{birth[2:]}{seq:03d}"


def uscc(body17):
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body17, WEIGHTS_USCC))
    check = (31 - total % 31) % 31
    return body17 + USCC_CHARS[check]


def append(folder, name, rows):
    path = os.path.join(folder, name + ".csv")
    with open(path, encoding="utf-8", newline="") as f:
        first = f.readline()
    header = next(csv.reader([first]))
    ending = "\r\n" if first.endswith("\r\n") else "\n"   # the demo writes CRLF; keep the file's
    with open(path, "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator=ending)
        for row in rows:
            w.writerow([row.get(col, "") for col in header])


def main():
    folder = sys.argv[1]
    expected = []

    def expect(rule, subject, flag, note):
        expected.append({"rule": rule, "subject": subject, "expect": "flag" if flag else "clear", "note": note})

    village = "360499101001"     # a village (community) unit of the small demo
    unit = "360499000001"        # a county unit
    people, households, relatives, deaths, companies, roles, vehicles = [], [], [], [], [], [], []
    benefits, budgets, payments, cases = [], [], [], []

    def paid(pid, name, program, periods, amount="500.00", household="", village_code=village, account="6217000000000000001"):
        for p in periods:
            benefits.append({"program": program, "period": p, "id_number": pid, "name": name, "household_id": household,
                             "village_code": village_code, "amount": amount, "account": account, "paid_date": p + "-10"})

    # E1 benefit.official: the official is listed in people with a 15-digit ID; the recipient's
    # household row and benefits use 18 digits.
    o1, o1_15 = person("19650315", 901)
    r1, _ = person("19680412", 902)
    people.append({"id_number": o1_15, "name": "边甲", "unit_code": unit, "post": "科员", "category": "civil_servant",
                   "is_leader": "false", "since": "2010-01-01"})
    households += [{"household_id": "EDGE-H1", "id_number": o1, "name": "边甲", "relation_to_head": "户主", "village_code": village},
                   {"household_id": "EDGE-H1", "id_number": r1, "name": "边乙", "relation_to_head": "配偶", "village_code": village}]
    paid(r1, "边乙", "农村低保", ["2025-01", "2025-02"], account="6217000000000000011")
    expect("benefit.official", f"{r1}|农村低保", True, "household member listed in people with the 15-digit form of the ID")

    # E2 benefit.deceased: the death row carries the 15-digit form.
    r2, r2_15 = person("19400101", 903)
    deaths.append({"id_number": r2_15, "name": "边丙", "death_date": "2025-01-15"})
    paid(r2, "边丙", "农村低保", ["2025-01", "2025-02", "2025-03"], account="6217000000000000021")
    expect("benefit.deceased", f"{r2}|农村低保", True, "death recorded under the 15-digit ID")

    # E3 benefit.invalid_id: a 15-digit ID with February 30 stays 15 digits in the subject.
    bad15 = "360499650230904"
    paid(bad15, "边丁", "残疾人两项补贴", ["2025-01"], account="6217000000000000031")
    expect("benefit.invalid_id", f"{bad15}|残疾人两项补贴", True, "15-digit ID with no real birth date")
    good15 = person("19550505", 905)[1]
    paid(good15, "边戊", "残疾人两项补贴", ["2025-01"], account="6217000000000000041")
    expect("benefit.invalid_id", f"{good15}|残疾人两项补贴", False, "valid 15-digit legacy ID")

    # E4 benefit.shared_account: one account written three ways; two people of one household
    # and one without any household.
    a4, _ = person("19700101", 906)
    b4, _ = person("19720202", 907)
    c4, _ = person("19750303", 908)
    paid(a4, "边己", "耕地地力保护补贴", ["2025-02"], household="EDGE-H4", account="6217 9999 0000 1111")
    paid(b4, "边庚", "耕地地力保护补贴", ["2025-02"], household="EDGE-H4", account="6217-9999-0000-1111")
    paid(c4, "边辛", "耕地地力保护补贴", ["2025-02"], account="621799990000 1111")
    expect("benefit.shared_account", "6217999900001111", True, "one account spelled with spaces and hyphens")

    # E5 payment.deregistered_payee: payee_code in lower case.
    k5 = uscc("9136049900EDGE005")
    companies.append({"uscc": k5, "name": "边际注销有限公司", "legal_rep_id_number": person("19600606", 909)[0],
                      "legal_rep_name": "边壬", "established": "2012-01-01", "status": "deregistered", "status_date": "2020-02-22"})
    payments.append({"voucher_no": "EDGE-0005", "unit_code": unit, "date": "2024-05-06", "payee_name": "边际注销有限公司",
                     "payee_code": k5.lower(), "amount": "5000.00"})
    expect("payment.deregistered_payee", f"{unit}|EDGE-0005", True, "payee_code written in lower case")

    # E6 payment.holiday: 2022-12-31 is listed in the 2023 notice; 2022-12-30 is not covered.
    payments.append({"voucher_no": "EDGE-0006", "unit_code": unit, "date": "2022-12-31", "payee_name": "边际商店",
                     "payee_account": "6222000000000006", "amount": "100.00"})
    payments.append({"voucher_no": "EDGE-0007", "unit_code": unit, "date": "2022-12-30", "payee_name": "边际商店",
                     "payee_account": "6222000000000006", "amount": "101.00"})
    expect("payment.holiday", f"{unit}|EDGE-0006", True, "2022-12-31, a holiday of the 2023 notice")
    expect("payment.holiday", f"{unit}|EDGE-0007", False, "2022-12-30, a year no notice covers")

    # E7 service.overdue across the year boundary; E8 datetimes with an offset.
    cases.append({"case_no": "EDGE-S1", "matter": "边际事项", "unit_code": unit, "received_at": "2022-12-30 10:00:00",
                  "completed_at": "2023-01-05 10:00:00", "time_limit_days": "2", "status": "completed"})
    expect("service.overdue", "EDGE-S1", True, "(2022-12-30, 2023-01-05] has 3 working days")
    cases.append({"case_no": "EDGE-S2", "matter": "边际事项", "unit_code": unit, "received_at": "2025-03-09T17:00:00Z",
                  "completed_at": "2025-03-10 18:00:00", "time_limit_days": "0", "status": "completed"})
    expect("service.overdue", "EDGE-S2", False, "received 2025-03-10 01:00 China time: 0 working days")
    cases.append({"case_no": "EDGE-S3", "matter": "边际事项", "unit_code": unit, "received_at": "2025-03-07 09:00:00",
                  "completed_at": "2025-03-10T17:30:00+00:00", "time_limit_days": "0", "status": "completed"})
    expect("service.overdue", "EDGE-S3", True, "completed 2025-03-11 01:30 China time: 2 working days")

    # E9 conflict.payee: an official paid in person under the 15-digit form of their ID, and
    # their spouse paid in person.
    o9, o9_15 = person("19700909", 910)
    s9, _ = person("19711010", 911)
    people.append({"id_number": o9, "name": "边癸", "unit_code": unit, "post": "科员", "category": "civil_servant",
                   "is_leader": "false", "since": "2015-01-01"})
    relatives.append({"id_number": o9, "relative_id_number": s9, "relative_name": "边子", "relation": "spouse"})
    payments.append({"voucher_no": "EDGE-0009", "unit_code": unit, "date": "2025-04-08", "payee_name": "边癸",
                     "payee_code": o9_15, "amount": "3000.00"})
    payments.append({"voucher_no": "EDGE-0010", "unit_code": unit, "date": "2025-04-08", "payee_name": "边子",
                     "payee_code": s9, "amount": "3100.00"})
    # The importer stores a payee_code that is a resident ID in its 18-character form, so the
    # payee key (payee_code) is the upgraded ID.
    expect("conflict.payee", f"{o9}|{o9}", True, "official paid in person under the 15-digit ID")
    expect("conflict.payee", f"{o9}|{s9}", True, "official's spouse paid in person")

    # E10 benefit.cadre_relative: the relation is written from the recipient's side (the cadre
    # is the recipient's parent); an `other` relation is not close.
    c10, _ = person("19600110", 912)
    r10, _ = person("19850110", 913)
    r10b, _ = person("19860110", 914)
    people.append({"id_number": c10, "name": "边丑", "unit_code": village, "post": "村委会主任", "category": "village_cadre",
                   "is_leader": "true", "since": "2018-01-01"})
    relatives.append({"id_number": r10, "relative_id_number": c10, "relative_name": "边丑", "relation": "parent"})
    relatives.append({"id_number": r10b, "relative_id_number": c10, "relative_name": "边丑", "relation": "other"})
    paid(r10, "边寅", "耕地地力保护补贴", ["2025-05"], account="6217000000000000101")
    paid(r10b, "边卯", "耕地地力保护补贴", ["2025-05"], account="6217000000000000102")
    expect("benefit.cadre_relative", f"{r10}|耕地地力保护补贴", True, "cadre is the recipient's parent (row from the child's side)")
    expect("benefit.cadre_relative", f"{r10b}|耕地地力保护补贴", False, "relation other is not close")

    # E11 benefit.company: deregistered on 2025-02-10, so still in business during 2025-02.
    r11, _ = person("19750211", 915)
    k11 = uscc("9136049900EDGE011")
    companies.append({"uscc": k11, "name": "边际经营部", "legal_rep_id_number": r11, "legal_rep_name": "边辰",
                      "established": "2015-03-01", "status": "deregistered", "status_date": "2025-02-10"})
    paid(r11, "边辰", "农村低保", ["2025-02", "2025-03"], account="6217000000000000111")
    expect("benefit.company", f"{r11}|农村低保", True, "deregistered during the first period paid")

    # E12 benefit.vehicle: a motorcycle is exempt; a car without a registration date counts.
    r12, _ = person("19780312", 916)
    r12b, _ = person("19790312", 917)
    vehicles.append({"plate": "赣X边0001", "owner_id_number": r12, "owner_name": "边巳", "vehicle_type": "普通二轮摩托车",
                     "registered": "2020-01-01"})
    vehicles.append({"plate": "赣X边0002", "owner_id_number": r12b, "owner_name": "边午", "vehicle_type": "小型轿车", "registered": ""})
    paid(r12, "边巳", "农村低保", ["2025-06"], account="6217000000000000121")
    paid(r12b, "边午", "农村低保", ["2025-06"], account="6217000000000000122")
    expect("benefit.vehicle", f"{r12}|农村低保", False, "motorcycle is exempt")
    expect("benefit.vehicle", f"{r12b}|农村低保", True, "car with no registration date counts as always owned")

    # E13 budgets: a 0 line is a line (overrun), a project payment without a line is unbudgeted.
    budgets.append({"year": "2024", "unit_code": unit, "category": "project", "project_code": "EDGE-P1", "amount": "0.00"})
    payments.append({"voucher_no": "EDGE-0013", "unit_code": unit, "date": "2024-06-03", "payee_name": "边际工程队",
                     "payee_account": "6222000000000013", "amount": "1000.00", "category": "project", "project_code": "EDGE-P1"})
    payments.append({"voucher_no": "EDGE-0014", "unit_code": unit, "date": "2024-06-04", "payee_name": "边际工程队",
                     "payee_account": "6222000000000013", "amount": "1200.00", "category": "project", "project_code": "EDGE-P2"})
    expect("budget.overrun", f"{unit}|2024|project|EDGE-P1", True, "a budget line of 0")
    expect("budget.unbudgeted", f"{unit}|2024|project|EDGE-P1", False, "a line of 0 is a line")
    expect("budget.unbudgeted", f"{unit}|2024|project|EDGE-P2", True, "no line for this project")

    # E14 payment.new_company: paid a month before the company was established.
    k14 = uscc("9136049900EDGE014")
    companies.append({"uscc": k14, "name": "边际新设有限公司", "legal_rep_id_number": person("19800514", 918)[0],
                      "legal_rep_name": "边未", "established": "2025-06-01", "status": "active"})
    payments.append({"voucher_no": "EDGE-0015", "unit_code": unit, "date": "2025-05-01", "payee_name": "边际新设有限公司",
                     "payee_code": k14, "amount": "200000.00"})
    expect("payment.new_company", f"{unit}|EDGE-0015", True, "paid 31 days before establishment")

    # E15 payment.split: a payment at or above the threshold neither joins nor breaks a chain.
    for v, date, amount in [("EDGE-0016", "2025-03-03", "600000.00"), ("EDGE-0017", "2025-03-20", "1200000.00"),
                            ("EDGE-0018", "2025-04-01", "500000.00")]:
        payments.append({"voucher_no": v, "unit_code": unit, "date": date, "payee_name": "边际建材", "payee_account": "6222 0000 0000 0016",
                         "amount": amount})
    expect("payment.split", f"{unit}|6222000000000016|2025-03-03", True, "chain 03-03 → 04-01 (29 days) around a 1.2M payment")

    append(folder, "people", people)
    append(folder, "relatives", relatives)
    append(folder, "households", households)
    append(folder, "deaths", deaths)
    append(folder, "companies", companies)
    append(folder, "company_roles", [{"uscc": c["uscc"], "holder_id_number": c["legal_rep_id_number"], "holder_name": c["legal_rep_name"],
                                      "role": "legal_rep"} for c in companies])
    append(folder, "vehicles", vehicles)
    append(folder, "benefits", benefits)
    append(folder, "budgets", budgets)
    append(folder, "payments", payments)
    append(folder, "service_cases", cases)
    with open(os.path.join(folder, "edge-expected.jsonl"), "w", encoding="utf-8") as f:
        for e in expected:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    print(f"{len(expected)} edge expectations written to {folder}/edge-expected.jsonl")


if __name__ == "__main__":
    main()
