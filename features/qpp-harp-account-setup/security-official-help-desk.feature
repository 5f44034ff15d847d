@guide:qpp-harp-account-setup
Feature: Becoming the Security Official through the QPP Help Desk
  "If you need to become the Security Official because this person is no
  longer with the organization or is unavailable/unable to login contact the
  Quality Payment Program Help Desk: 1-866-288-8292 TTY: 1-877-715-6222"

  Where the guide is silent we chose: the request is made by a signed-in
  person whose identity is proofed, with the guide's three blocks of
  information checked together; an incomplete request says what is missing
  block by block and nothing is sent. A group NPI or group PTAN CMS lists for
  the practitioner's TIN is refused where the individual one is asked. The
  help desk keeps the Social Security Number only as its last four digits
  (and a keyed hash), each billing TIN only as its last four digits (and a
  keyed hash); the person is given a reference and the help desk's numbers.

  Background:
    Given CMS's records list the Practice "Lakeside Family Medicine", TIN "41-1234567", where "Dr. Maya Patel" bills with NPI "1234567893" and PTAN "AB1234"
    And Priya Shah is the Security Official of "Lakeside Family Medicine"

  Rule: The QPP Help Desk makes someone else Security Official
    @step:help-desk-1 @step:help-desk-2 @step:help-desk-3 @step:help-desk-4 @step:rules-10
    Scenario: Carla's complete request reaches the help desk
      Given Carla Diaz has a HARP account with her identity proofed
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine"
      Then she is given a help desk reference and told to call "1-866-288-8292", TTY "1-877-715-6222"
      And the help desk keeps her Social Security Number only as its last four digits

    @step:help-desk-1
    Scenario: Identity proofing comes before asking the help desk
      Given Carla Diaz has a HARP account
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine"
      Then she is told "Please complete identity proofing first."
      And nothing is sent to the help desk

  Rule: The help desk needs three blocks of information
    @step:help-desk-2
    Scenario: Your Information without a Social Security Number or date of birth
      Given Carla Diaz has a HARP account with her identity proofed
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine", leaving out:
        | Social Security Number |
        | date of birth          |
      Then she is told what is missing, block by block:
        | block            | missing                               |
        | Your Information | Social Security Number, date of birth |

    @step:help-desk-3
    Scenario: Business Contact Information without the company name or office phone number
      Given Carla Diaz has a HARP account with her identity proofed
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine", leaving out:
        | company name        |
        | office phone number |
      Then she is told what is missing, block by block:
        | block                        | missing                           |
        | Business Contact Information | company name, office phone number |

    @step:help-desk-4
    Scenario: Professional Information names at least one current practitioner
      Given Carla Diaz has a HARP account with her identity proofed
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine", leaving out:
        | current practitioner |
      Then she is told what is missing, block by block:
        | block                    | missing              |
        | Professional Information | current practitioner |

    @step:help-desk-4
    Scenario: The group's NPI and PTAN are not the practitioner's
      Given CMS's records give "Lakeside Family Medicine" the group NPI "1456789019" and the group PTAN "GRP123"
      And Carla Diaz has a HARP account with her identity proofed
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine", giving the group's NPI and PTAN as the practitioner's
      Then she is told "Rendering NPI must be the practitioner's own rendering NPI, not the Group NPI."
      And she is told "Individual PTAN must be the practitioner's own individual PTAN, not the Group PTAN."

  Rule: An incomplete request says what is missing, block by block
    @step:rules-10
    Scenario: Something missing from every block
      Given Carla Diaz has a HARP account with her identity proofed
      When Carla asks the QPP Help Desk to make her the Security Official of "Lakeside Family Medicine", leaving out:
        | Social Security Number |
        | office phone number    |
        | current practitioner   |
      Then she is told what is missing, block by block:
        | block                        | missing                |
        | Your Information             | Social Security Number |
        | Business Contact Information | office phone number    |
        | Professional Information     | current practitioner   |
      And nothing is sent to the help desk
