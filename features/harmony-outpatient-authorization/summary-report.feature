@guide:harmony-outpatient-authorization
Feature: Download or print a summary report
  "Once you complete each authorization request, you can download or print a
  summary report for your records."

  Where the guide is silent we chose: a submitted request has a summary
  report, found by its reference number, for the user who submitted it (and
  nobody at another practice). It holds everything entered, in the order of
  the guide's steps and under the guide's words; the reference number, when
  it was submitted and by whom (with the e-mail and phone the practice's
  registration gives for that person), its status and the decision's due
  time; and every determination with its reason. Diagnosis codes carry their
  ICD-10-CM descriptions, the first marked in words as the primary
  diagnosis; HCPCS Level II codes carry their public CMS descriptions; CPT
  codes are shown without descriptions, and say why (the AMA licenses them).
  It comes as text, as a printable page that runs no script and loads nothing
  from elsewhere, and as the Da Vinci PAS request Bundle that electronic
  systems exchange.

  The PAS Bundle is one a payer validating on receipt accepts: every
  identifier has its system; the servicing provider is the care team's
  "service provider" (X12 SJ); the requesting practice is a "provider" (X12
  1P) with the ZIP code the plan's directory holds, its registered phone,
  and the registered user who submitted the request as its named contact.
  The guide asks the number of visits and one date of service, not an end
  date, so each procedure asks for that many visits from the date of service
  on (an open period), not all of them on that day. Each attachment says what
  it is, read from its type and file name: an image named as an X-ray, MRI or
  CT is an imaging study (radiology films), another image a photograph; a
  file named as an evaluation or assessment is an evaluation note (initial
  assessment), and likewise radiology reports, lab results, progress notes,
  plans of care and referrals; anything else is a clinical note in the
  medical record.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
    And Maria Lopez is a member of the plan with Member ID "HM48213377", born "07-09-1962"
    And Grace is signed in to Harmony
    And Grace has submitted an authorization request for Maria

  Rule: The summary report holds the request as submitted
    "you can download or print a summary report for your records"

    @step:note-2 @step:request-10a @step:request-10b
    Scenario: Grace downloads the summary report of Maria's request
      When Grace downloads the summary report of the request
      Then the summary report reads the reference number of the request
      And the summary report reads:
        | Submitted       | November 22, 2026 at 9:00 AM EST |
        | Submitted by    | Grace Okafor                     |
        | Status          | Pended — awaiting a decision     |
        | Decision due by | November 29, 2026 at 9:00 AM EST |

    @step:note-2 @step:request-3 @step:request-4
    Scenario: The report names the requesting provider and the member
      When Grace downloads the summary report of the request
      Then the summary report reads, under "Requesting Provider":
        | Name               | Riverside Family Practice |
        | Provider ID number | HP001234                  |
      And the summary report reads, under "Member":
        | Name             | Maria Lopez  |
        | Member ID number | HM48213377   |
        | Date of birth    | July 9, 1962 |

    @step:note-2 @step:request-5 @step:request-6
    Scenario: The report shows the service and its codes
      When Grace downloads the summary report of the request
      Then the summary report reads, under "Place of Service and number of visits":
        | Place of Service | 11 – Office       |
        | Number of visits | 12                |
        | Date of service  | November 29, 2026 |
      And the summary report lists, under "Diagnosis Code(s)":
        | 1. M54.50 — Low back pain, unspecified — primary diagnosis |
      And the summary report lists, under "Procedure Code(s)":
        | 1. 97110 — CPT Category I — Not shown: CPT descriptions are licensed by the AMA |
        | 2. 97140 — CPT Category I — Not shown: CPT descriptions are licensed by the AMA |

    @step:note-2 @step:request-7 @step:request-9 @step:request-9a
    Scenario: The report shows the servicing provider and where the plan reaches the office
      When Grace downloads the summary report of the request
      Then the summary report reads, under "Servicing Provider":
        | Name               | Riverside Family Practice |
        | Provider ID number | HP001234                  |
      And the summary report reads, under "Phone and fax numbers":
        | Phone number                    | (813) 555-0142 |
        | Fax number                      | (813) 555-0199 |
        | Servicing Provider’s fax number | Not given      |

    @step:note-2 @step:note-1b
    Scenario: The report shows the determination and its reason
      Given the plan's reviewer decides the request is not certified, reason "CC-06": "Six weeks of documented conservative care are required first."
      When Grace downloads the summary report of the request
      Then the summary report reads, under "Determinations":
        | Review action           | A3 – Not certified                                                   |
        | Reason                  | CC-06: Six weeks of documented conservative care are required first. |
        | Decided by the due time | Yes                                                                  |

  Rule: The report says plainly what was asked for, and who asked
    "you can download or print a summary report for your records"

    @step:note-2 @step:request-6
    Scenario: The first diagnosis is marked, in words, as the primary one
      Given Grace has submitted an authorization request for Maria with the Diagnosis Codes "M54.50, I10" and the Procedure Code "97110"
      When Grace downloads the summary report of the request
      Then the summary report lists, under "Diagnosis Code(s)":
        | 1. M54.50 — Low back pain, unspecified — primary diagnosis |
        | 2. I10 — Essential (primary) hypertension                  |
      And the printable summary report marks "M54.50", and no other code, as the primary diagnosis

    @step:note-2 @step:request-6
    Scenario Outline: HCPCS codes carry their public description; CPT codes say why theirs is not shown
      Given Grace has submitted an authorization request for Maria with the Diagnosis Code "M54.50" and the Procedure Code "<code>"
      When Grace downloads the summary report of the request
      Then the summary report lists, under "Procedure Code(s)":
        | 1. <code> — <system> — <description> |

      Examples: public HCPCS Level II descriptions (CMS)
        | code  | system         | description                                                                                                      |
        | G0283 | HCPCS Level II | Electrical stimulation (unattended), to one or more areas for indication(s) other than wound care, as part of a therapy plan of care |
        | J1100 | HCPCS Level II | Injection, dexamethasone sodium phosphate, 1 mg                                                                  |
        | E0114 | HCPCS Level II | Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips                      |

      Examples: CPT descriptions are the AMA's
        | code  | system           | description                                         |
        | 97110 | CPT Category I   | Not shown: CPT descriptions are licensed by the AMA |
        | 0042T | CPT Category III | Not shown: CPT descriptions are licensed by the AMA |

    @step:note-2 @step:request-6
    Scenario: The printed page credits the public source of the HCPCS descriptions
      Given Grace has submitted an authorization request for Maria with the Diagnosis Code "M54.50" and the Procedure Codes "97110, G0283"
      When Grace downloads the summary report of the request
      Then the printable summary report shows "HCPCS Level II descriptions — Source: CMS (public domain)."
      And the printable summary report shows "CPT codes are shown without descriptions: they are licensed by the American Medical Association"

    @step:note-2 @step:request-10
    Scenario: The report names who submitted the request and how to reach them
      When Grace downloads the summary report of the request
      Then the summary report reads, under "Submitted by":
        | Name         | Grace Okafor                     |
        | Username     | GraceOkafor                      |
        | E-mail       | grace.okafor@riversidefp.com     |
        | Phone number | (813) 555-0143                   |
        | Submitted    | November 22, 2026 at 9:00 AM EST |
      And the printable summary report shows "grace.okafor@riversidefp.com"

  Rule: The report can be printed, and downloaded for other systems
    "download or print a summary report"

    @step:note-2
    Scenario: The printable report is a page of its own
      When Grace downloads the summary report of the request
      Then the printable summary report shows "Riverside Family Practice"
      And the printable summary report shows "Maria Lopez"
      And the printable summary report runs no script and loads nothing from elsewhere

    @step:note-2
    Scenario: The download carries the request in the Da Vinci PAS format
      When Grace downloads the summary report of the request
      Then the download carries the request as a Da Vinci PAS Claim for prior authorization
      And the download's Claim lists the ICD-10-CM diagnosis "M54.50" first
      And the download passes the FHIR R4 validators a payer uses

    @step:note-2 @step:request-3
    Scenario: The download names the practice and who submitted the request
      When Grace downloads the summary report of the request
      Then the download names "Riverside Family Practice" as the requesting provider, at ZIP code "33602", with Grace as its contact

    @step:note-2 @step:request-5
    Scenario: The download asks for the visits from the date of service on
      When Grace downloads the summary report of the request
      Then the download's Claim asks for 12 visits of each procedure from the date of service on

    @step:note-2 @step:request-8
    Scenario: The download says what each attachment is
      Given Grace has submitted another authorization request for Maria, with these clinicals attached:
        | file                       | type       | size   |
        | pt-evaluation-maria.pdf    | PDF        | 240 KB |
        | lumbar-xray-2026-11-02.png | PNG image  | 3 MB   |
        | knee-photo.jpg             | JPEG image | 80 KB  |
        | discharge-letter.pdf       | PDF        | 60 KB  |
      When Grace downloads the summary report of the request
      Then the download describes the attachments as:
        | pt-evaluation-maria.pdf    | Evaluation note          | Initial Assessment        |
        | lumbar-xray-2026-11-02.png | Diagnostic imaging study | Radiology Films           |
        | knee-photo.jpg             | Note                     | Photographs               |
        | discharge-letter.pdf       | Note                     | Medical Record Attachment |

  Rule: Typed clinical information travels whole, however long
    "you can provide any relevant clinical information supporting the request
    by typing the information into the text box"

    An X12 278 message segment carries at most 264 characters, and payers
    convert PAS requests to X12 278. Typed information that fits is the
    request's message to the plan; longer information (up to the 4,000
    characters the text box takes) is never cut to fit: it goes whole, as an
    attached plain-text document, and the request carries no message beside
    it. So does text with characters a FHIR string cannot carry, such as a
    form feed or a no-break space pasted from a word processor.

    @step:note-2 @step:request-8
    Scenario Outline: <length> characters of typed clinical information travel <how>
      Given Grace has submitted another authorization request for Maria, with <length> characters of typed clinical information
      When Grace downloads the summary report of the request
      Then the download carries the typed clinical information <how>

      Examples: Up to one X12 message, and beyond
        | length | how                                 |
        | 1      | as a message to the plan            |
        | 264    | as a message to the plan            |
        | 265    | whole, as an attached text document |
        | 4000   | whole, as an attached text document |

  Rule: Only the request's own practice gets its summary report
    "for your records"

    @step:note-2
    Scenario: Nobody at another practice gets the report
      Given Marcus Bell is the office manager of "Bayshore Pediatrics", Provider ID "HP005678", ZIP code "33611", Tax ID "59-3141592"
      And Marcus is signed in to Harmony
      When Marcus downloads the summary report of the request
      Then he is told "We could not find that authorization request."

    @step:note-2
    Scenario: A reference number nobody has gives no report
      When Grace downloads the summary report of reference number "HPA-7K2M9QXD"
      Then she is told "We could not find that authorization request."
      And she is told nothing else
